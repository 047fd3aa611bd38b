package io.paygate.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paygate.alipay.settings.AlipayKeyCheck;
import io.paygate.alipay.settings.AlipaySettings;
import io.paygate.alipay.settings.AlipaySettingsException;
import io.paygate.alipay.settings.AppCertificates;
import io.paygate.alipay.support.Forms;
import io.paygate.core.channel.NotificationCheck;
import io.paygate.core.channel.Product;
import io.paygate.core.channel.RefundOutcome;
import io.paygate.core.channel.TradeLookup;
import io.paygate.core.channel.TradeRef;
import io.paygate.core.channel.TradeState;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * An app in public-key certificate mode (公钥证书模式) through the SDK's certificate client against the
 * sandbox: the whole flow, the start-up self-test on the three files, an SN Alipay does not know,
 * and a rotation of Alipay's certificate.
 */
class SandboxCertificateModeRoundTripTest extends SandboxChannelSupport {

  private record CertApp(JsonNode registered, String privateKey) {
    String appId() {
      return registered.get("app_id").asText();
    }

    AppCertificates certificates() {
      return new AppCertificates(
          registered.get("app_cert").asText(),
          registered.get("alipay_cert").asText(),
          registered.get("alipay_root_cert").asText());
    }
  }

  private CertApp register() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair keys = generator.generateKeyPair();
    HttpResponse<String> registered =
        postJson(
            "/sandbox/api/apps",
            Map.of(
                "app_public_key",
                Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()),
                "cert_mode",
                true));
    assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
    return new CertApp(
        JSON.readTree(registered.body()),
        Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded()));
  }

  private AlipaySettings settings(CertApp app, String privateKey, AppCertificates certificates) {
    return new AlipaySettings(
        app.appId(),
        privateKey,
        null,
        null,
        settings.gatewayUrl(),
        inbox.url(),
        null,
        app.registered().get("seller_id").asText(),
        Duration.ofSeconds(2),
        Duration.ofSeconds(10),
        certificates);
  }

  private AlipayChannel channel(AlipaySettings settings) {
    return new AlipayChannel(settings, exchanges, Clock.systemUTC());
  }

  private Map<String, String> lastNotify() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (inbox.received().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return inbox.received().get(inbox.received().size() - 1);
  }

  private String paid(CertApp app, AlipayChannel certified, String amount) throws Exception {
    String outTradeNo = unique("CM");
    submit(certified.payForm(order(outTradeNo, Product.PAGE, amount)));
    inbox.received().clear();
    buyerActs("pay", app.appId(), outTradeNo);
    return outTradeNo;
  }

  @Test
  void aWholeFlowInCertificateModeAndTheStartUpSelfTestOnTheThreeFiles() throws Exception {
    CertApp app = register();
    AlipaySettings certified = settings(app, app.privateKey(), app.certificates());
    assertThat(certified.certificateMode()).isTrue();
    assertThat(certified.certificates().appCertSn())
        .isEqualTo(app.registered().get("app_cert_sn").asText());
    assertThat(certified.certificates().rootCertSn())
        .isEqualTo(app.registered().get("alipay_root_cert_sn").asText());
    new AlipayKeyCheck(certified).check();
    assertThat(certified.toString()).contains("mode=certificate").doesNotContain(app.privateKey());
    AlipayChannel channel = channel(certified);

    String outTradeNo = paid(app, channel, "5.50");
    TradeLookup lookup = channel.queryTrade(TradeRef.byOutTradeNo(outTradeNo));
    assertThat(lookup).isInstanceOf(TradeLookup.Found.class);
    assertThat(((TradeLookup.Found) lookup).trade().status()).isEqualTo(TradeState.PAID);
    Map<String, String> notify = lastNotify();
    assertThat(channel.verify(Forms.notification(notify)))
        .isInstanceOf(NotificationCheck.Verified.class);
    Map<String, String> tampered = new java.util.LinkedHashMap<>(notify);
    tampered.put("total_amount", "0.01");
    assertThat(channel.verify(Forms.notification(tampered)))
        .isInstanceOf(NotificationCheck.Rejected.class);
    assertThat(channel.refund(refundOf(outTradeNo, unique("R"), "1.50")))
        .isInstanceOf(RefundOutcome.Accepted.class);

    // The files mixed up, or another app's, are named before anything is served.
    CertApp other = register();
    AppCertificates swapped =
        new AppCertificates(
            app.certificates().alipayCert(),
            app.certificates().appCert(),
            app.certificates().alipayRootCert());
    assertThatThrownBy(() -> new AlipayKeyCheck(settings(app, app.privateKey(), swapped)).check())
        .isInstanceOf(AlipaySettingsException.class)
        .hasMessageContaining(AppCertificates.ALIPAY_CERT);
    AppCertificates othersAppCert =
        new AppCertificates(
            other.certificates().appCert(),
            app.certificates().alipayCert(),
            app.certificates().alipayRootCert());
    assertThatThrownBy(
            () -> new AlipayKeyCheck(settings(app, app.privateKey(), othersAppCert)).check())
        .isInstanceOf(AlipaySettingsException.class)
        .hasMessageContaining(AppCertificates.APP_CERT);
    assertThatThrownBy(
            () ->
                new AlipayKeyCheck(
                        settings(
                            app,
                            app.privateKey(),
                            new AppCertificates(
                                app.certificates().appCert(),
                                app.certificates().alipayCert(),
                                app.certificates().appCert())))
                    .check())
        .isInstanceOf(AlipaySettingsException.class)
        .hasMessageContaining(AppCertificates.ALIPAY_ROOT_CERT);
    // A key pasted where a certificate belongs, or the other way round, is named too.
    assertThatThrownBy(() -> new AppCertificates(app.privateKey(), "x", "y"))
        .isInstanceOf(AlipaySettingsException.class)
        .hasMessageContaining(AppCertificates.APP_CERT);
  }

  @Test
  void anAppCertificateAlipayDoesNotKnowForTheAppIsRefusedByTheGateway() throws Exception {
    CertApp app = register();
    CertApp other = register();
    // Unchecked at start-up on purpose: what the gateway says of another app's certificate.
    AlipayChannel wrong =
        channel(
            settings(
                app,
                app.privateKey(),
                new AppCertificates(
                    other.certificates().appCert(),
                    app.certificates().alipayCert(),
                    app.certificates().alipayRootCert())));
    TradeLookup lookup = wrong.queryTrade(TradeRef.byOutTradeNo(unique("SN")));
    assertThat(lookup).isInstanceOf(TradeLookup.Refused.class);
    assertThat(((TradeLookup.Refused) lookup).error().code()).isEqualTo("isv.app-cert-not-exist");
  }

  @Test
  void afterAlipayRotatesItsCertificateTheSdkFetchesTheNewOneAndNotifiesStillVerify()
      throws Exception {
    CertApp app = register();
    AlipayChannel channel = channel(settings(app, app.privateKey(), app.certificates()));
    String before = paid(app, channel, "2.00");
    assertThat(channel.verify(Forms.notification(lastNotify())))
        .isInstanceOf(NotificationCheck.Verified.class);

    HttpResponse<String> rotated =
        postJson("/sandbox/api/apps/" + app.appId() + "/alipay-cert/rotate", Map.of());
    assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
    // The next answer is signed with the new certificate, which the SDK downloads once.
    assertThat(channel.queryTrade(TradeRef.byOutTradeNo(before)))
        .isInstanceOf(TradeLookup.Found.class);
    assertThat(channel.queryTrade(TradeRef.byOutTradeNo(before)))
        .isInstanceOf(TradeLookup.Found.class);
    JsonNode certs =
        JSON.readTree(get("/sandbox/api/apps/" + app.appId() + "/alipay-certs").body());
    List<Integer> downloads =
        certs
            .valueStream()
            .filter(c -> c.get("current").asBoolean())
            .map(c -> c.get("downloads").asInt())
            .toList();
    assertThat(downloads).containsExactly(1);

    // A notify signed with the new certificate verifies with the one the SDK fetched.
    paid(app, channel, "3.00");
    assertThat(channel.verify(Forms.notification(lastNotify())))
        .isInstanceOf(NotificationCheck.Verified.class);
  }
}
