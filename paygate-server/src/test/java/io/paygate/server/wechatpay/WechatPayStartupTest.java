package io.paygate.server.wechatpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paygate.core.channel.PaymentChannel;
import io.paygate.sandbox.wechatpay.keys.WxKeys;
import io.paygate.server.PayGateApplication;
import io.paygate.wechatpay.WechatPayChannel;
import io.paygate.wechatpay.settings.KeyMode;
import io.paygate.wechatpay.settings.SelfTest;
import io.paygate.wechatpay.settings.WechatPaySettings;
import io.paygate.wechatpay.settings.WechatPaySettingsException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * WeChat Pay at start-up: the embedded default merchant signs a real call, and the keys a merchant
 * most often gets wrong (a swapped key, the wrong serial, an APIv3 key of the wrong length) each
 * stop the start with a message naming the property, checked against the offline WeChat Pay's own
 * default merchant (kept in the data directory from one start to the next).
 */
class WechatPayStartupTest {

  @TempDir Path dataDir;

  private int port;

  private ConfigurableApplicationContext start(String... extra) {
    port = freePort();
    List<String> arguments = new ArrayList<>();
    arguments.add("--server.port=" + port);
    arguments.add("--paygate.data-dir=" + dataDir);
    arguments.add("--paygate.jobs.enabled=false");
    for (String property : extra) {
      arguments.add("--" + property);
    }
    return new SpringApplicationBuilder(PayGateApplication.class)
        .run(arguments.toArray(String[]::new));
  }

  @Test
  void theEmbeddedDefaultSignsARealCallAndEachWrongKeyStopsTheStartNamingItsProperty()
      throws Exception {
    WechatPaySettings sandbox;
    try (ConfigurableApplicationContext context = start()) {
      sandbox = context.getBean(WechatPaySettings.class);
      assertThat(context.getBeansOfType(WechatPayChannel.class)).hasSize(1);
      assertThat(context.getBeansOfType(PaymentChannel.class)).hasSize(2);
      // The sandbox's own default merchant, reached through this instance's /sandbox/wechatpay.
      String merchants = get("http://localhost:" + port + "/sandbox/wechatpay/api/merchants");
      assertThat(merchants).contains("\"mchid\":\"" + sandbox.mchid() + "\"");
      assertThat(sandbox.keyMode()).isEqualTo(KeyMode.PUBLIC_KEY);
      assertThat(sandbox.baseUrl())
          .isEqualTo(URI.create("http://localhost:" + port + "/sandbox/wechatpay"));
      assertThat(sandbox.notifyUrl())
          .isEqualTo("http://localhost:" + port + "/channels/wechatpay/notify");
      // The start-up self-test made a signed call the offline WeChat Pay took, and its signed
      // answer verified.
      assertThat(context.getBean(WechatPayStartupSelfTest.class).result())
          .isInstanceOf(SelfTest.Passed.class);
      // Health wechatpay: a connect to WeChat Pay's host, as channel is for Alipay's.
      Health health = context.getBean("wechatpay", HealthIndicator.class).health();
      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.getDetails().get("gateway")).isEqualTo("http://localhost:" + port);
    }

    // The same merchant configured by hand, each time with one thing wrong.
    String merchantsOwnPublicKey = publicKeyOf(sandbox.merchantCertificate());
    assertRefused(
        "paygate.wechatpay.public-key",
        configured(sandbox, "paygate.wechatpay.public-key=" + merchantsOwnPublicKey));
    assertRefused(
        "paygate.wechatpay.merchant-serial-no",
        // No merchant certificate given: only WeChat Pay itself can say the serial is wrong.
        configured(
            sandbox,
            "paygate.wechatpay.merchant-serial-no="
                + WxKeys.issue("x", Instant.now(), Instant.now().plusSeconds(60)).serialNo()));
    assertRefused(
        "paygate.wechatpay.apiv3-key",
        configured(sandbox, "paygate.wechatpay.apiv3-key=" + sandbox.apiV3Key().substring(1)));
    // A production merchant never starts beside the offline WeChat Pay.
    assertRefused(
        "paygate.sandbox.enabled",
        configured(sandbox, "paygate.wechatpay.base-url=https://api.mch.weixin.qq.com"));
  }

  @Test
  void enabledFalseLeavesNoWechatPayChannelBesideTheEmbeddedSandbox() {
    try (ConfigurableApplicationContext context = start("paygate.wechatpay.enabled=false")) {
      assertThat(context.getBeansOfType(WechatPayChannel.class)).isEmpty();
      assertThat(context.getBeansOfType(WechatPaySettings.class)).isEmpty();
      assertThat(context.containsBean("wechatpay")).isFalse();
      assertThat(context.getBeansOfType(PaymentChannel.class)).hasSize(1);
    }
  }

  @Test
  void theFailureAnalysisNamesEveryPropertyInTheMessageAndNoKey() {
    FailureAnalysis analysis =
        new WechatPaySettingsFailureAnalyzer()
            .analyze(
                new WechatPaySettingsException(
                    "paygate.wechatpay.apiv3-key is 31 bytes; the APIv3 key is 32 characters (an"
                        + " AES-256 key)"));
    assertThat(analysis.getDescription()).contains("WeChat Pay").contains("31 bytes");
    assertThat(analysis.getAction())
        .isEqualTo("Fix the property paygate.wechatpay.apiv3-key (or its environment variable).");
  }

  /** The sandbox's merchant as its operator would configure it, the sandbox still embedded. */
  private static String[] configured(WechatPaySettings m, String wrong) {
    List<String> properties = new ArrayList<>();
    properties.add("paygate.sandbox.enabled=true");
    properties.add("paygate.wechatpay.mchid=" + m.mchid());
    properties.add("paygate.wechatpay.apps.shop.appid=" + m.apps().get("default").appid());
    properties.add("paygate.wechatpay.private-key=" + m.privateKey());
    properties.add("paygate.wechatpay.merchant-serial-no=" + m.merchantSerialNo());
    properties.add("paygate.wechatpay.apiv3-key=" + m.apiV3Key());
    properties.add("paygate.wechatpay.public-key=" + m.publicKey());
    properties.add("paygate.wechatpay.public-key-id=" + m.publicKeyId());
    properties.add("paygate.wechatpay.base-url=" + m.baseUrl());
    String name = wrong.substring(0, wrong.indexOf('='));
    properties.removeIf(p -> p.startsWith(name + "="));
    properties.add(wrong);
    return properties.toArray(String[]::new);
  }

  private void assertRefused(String property, String[] properties) {
    // The base URL is the last start's port: the refused start listens on a port of its own, so
    // point the configured merchant at it.
    int next = freePort();
    List<String> withPort = new ArrayList<>(List.of(properties));
    withPort.replaceAll(
        p ->
            p.startsWith("paygate.wechatpay.base-url=http://localhost")
                ? "paygate.wechatpay.base-url=http://localhost:" + next + "/sandbox/wechatpay"
                : p);
    withPort.add("server.port=" + next);
    List<String> arguments = new ArrayList<>();
    arguments.add("--paygate.data-dir=" + dataDir);
    arguments.add("--paygate.jobs.enabled=false");
    withPort.forEach(p -> arguments.add("--" + p));
    assertThatThrownBy(
            () ->
                new SpringApplicationBuilder(PayGateApplication.class)
                    .run(arguments.toArray(String[]::new))
                    .close())
        .rootCause()
        .isInstanceOf(WechatPaySettingsException.class)
        .hasMessageContaining(property)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("PRIVATE KEY", "PUBLIC KEY"));
  }

  private static String publicKeyOf(String certificatePem) {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes())
            .encodeToString(WxKeys.certificateKey(certificatePem).getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  private static String get(String url) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
