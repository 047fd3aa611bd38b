package io.paygate.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.paygate.alipay.settings.AlipayKeyCheck;
import io.paygate.alipay.settings.AlipaySettings;
import io.paygate.alipay.support.RecordingExchangeLog;
import io.paygate.alipay.support.TestKeys;
import io.paygate.core.channel.TradeLookup;
import io.paygate.core.channel.TradeRef;
import io.paygate.core.exchanges.Exchange;
import io.paygate.sandbox.SandboxApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The channel against the PayGate sandbox, a separate Alipay-compatible gateway started in this JVM
 * on a random port. The channel learns the app's keys the way an operator would: from the sandbox's
 * apps API.
 */
@SpringBootTest(
    classes = SandboxApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "paygate.sandbox.database-url=jdbc:h2:mem:alipay-channel-tests;DB_CLOSE_DELAY=-1",
      "paygate.sandbox.background-interval=0"
    })
class SandboxRoundTripTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;

  private RecordingExchangeLog exchanges;
  private AlipaySettings settings;
  private AlipayChannel channel;

  @BeforeEach
  void pointTheChannelAtTheSandbox() throws Exception {
    JsonNode app = defaultApp();
    settings =
        new AlipaySettings(
            app.get("app_id").asText(),
            app.get("app_private_key").asText(),
            app.get("alipay_public_key").asText(),
            app.get("app_public_key").asText(),
            "http://localhost:" + port + "/sandbox/gateway.do",
            "http://localhost:" + port + "/shop/notify",
            "http://localhost:" + port + "/shop/return",
            app.get("seller_id").asText(),
            Duration.ofSeconds(2),
            Duration.ofSeconds(10));
    exchanges = new RecordingExchangeLog();
    channel = new AlipayChannel(settings, exchanges, Clock.systemUTC());
  }

  private JsonNode defaultApp() throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/sandbox/api/apps"))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode apps = JSON.readTree(response.body());
    for (JsonNode app : apps) {
      if (!app.path("app_private_key").isNull() && !app.path("app_private_key").isMissingNode()) {
        return app;
      }
    }
    throw new AssertionError("the sandbox lists no app with its private key: " + response.body());
  }

  private static String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
  }

  @Test
  void theSandboxAppsKeysPassTheStartUpCheck() {
    assertThatCode(() -> new AlipayKeyCheck(settings).check()).doesNotThrowAnyException();
  }

  @Test
  void anUnknownTradeIsNotFound() {
    String outTradeNo = unique("NONE");

    TradeLookup lookup = channel.queryTrade(TradeRef.byOutTradeNo(outTradeNo));

    assertThat(lookup).isEqualTo(new TradeLookup.NotFound());
    Exchange exchange = exchanges.last();
    assertThat(exchange.operation()).isEqualTo("queryTrade");
    assertThat(exchange.outTradeNo()).isEqualTo(outTradeNo);
    assertThat(exchange.outcome()).isEqualTo("not-found");
    assertThat(exchange.response())
        .contains("alipay_trade_query_response")
        .contains("ACQ.TRADE_NOT_EXIST")
        .doesNotContain("\"sign\"");
  }

  @Test
  void anAnswerCheckedWithTheWrongAlipayKeyIsUnknown() {
    AlipaySettings wrongAlipayKey =
        new AlipaySettings(
            settings.appId(),
            settings.privateKey(),
            TestKeys.STRANGER.publicKey(),
            null,
            settings.gatewayUrl(),
            settings.notifyUrl(),
            null,
            null,
            null,
            null);
    AlipayChannel misconfigured =
        new AlipayChannel(wrongAlipayKey, new RecordingExchangeLog(), Clock.systemUTC());

    assertThat(misconfigured.queryTrade(TradeRef.byOutTradeNo(unique("NONE"))))
        .isInstanceOf(TradeLookup.Unknown.class);
  }

  @Test
  void aRequestSignedWithAnotherKeyIsRefusedBySandbox() {
    AlipaySettings wrongPrivateKey =
        new AlipaySettings(
            settings.appId(),
            TestKeys.STRANGER.privateKey(),
            settings.alipayPublicKey(),
            null,
            settings.gatewayUrl(),
            settings.notifyUrl(),
            null,
            null,
            null,
            null);
    AlipayChannel misconfigured =
        new AlipayChannel(wrongPrivateKey, new RecordingExchangeLog(), Clock.systemUTC());

    TradeLookup lookup = misconfigured.queryTrade(TradeRef.byOutTradeNo(unique("NONE")));

    assertThat(lookup).isInstanceOf(TradeLookup.Refused.class);
    assertThat(((TradeLookup.Refused) lookup).error().subCode()).isEqualTo("isv.invalid-signature");
  }
}
