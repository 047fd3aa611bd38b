package io.paygate.wechatpay;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.core.channel.InboundNotification;
import io.paygate.core.channel.PayOrder;
import io.paygate.core.channel.Product;
import io.paygate.core.money.Money;
import io.paygate.core.testkit.Receiver;
import io.paygate.core.testkit.RecordingExchangeLog;
import io.paygate.sandbox.SandboxApplication;
import io.paygate.wechatpay.settings.KeyMode;
import io.paygate.wechatpay.settings.WechatPayApp;
import io.paygate.wechatpay.settings.WechatPaySettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The channel against the offline WeChat Pay of the PayGate sandbox, started in this JVM on a
 * random port (one context shared by the subclasses). Each test makes a merchant of its own through
 * the sandbox's merchants API, as an operator would copy its files from the merchant platform, and
 * points the channel's base URL at {@code …/sandbox/wechatpay}. Notifications go to a local inbox.
 */
// One sandbox, its clock and faults shared by the subclasses: they run one at a time, on the first
// lane (junit-platform.properties).
@Execution(ExecutionMode.SAME_THREAD)
@SpringBootTest(
    classes = SandboxApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "paygate.sandbox.database-url=jdbc:h2:mem:wechatpay-channel-tests;DB_CLOSE_DELAY=-1",
      "paygate.sandbox.background-interval=0"
    })
abstract class SandboxWechatPaySupport {

  protected static final HttpClient HTTP = HttpClient.newHttpClient();
  protected static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort protected int port;

  protected Receiver inbox;
  protected RecordingExchangeLog exchanges = new RecordingExchangeLog();

  /** A merchant as {@code GET /sandbox/wechatpay/api/merchants} lists it. */
  protected record Merchant(
      String mchid,
      String appid,
      String privateKey,
      String serialNo,
      String apiV3Key,
      String platformSerialNo,
      String publicKey,
      String publicKeyId) {}

  @BeforeEach
  void openInbox() {
    inbox = new Receiver();
  }

  @AfterEach
  void closeInbox() {
    inbox.close();
  }

  protected String base() {
    return "http://localhost:" + port;
  }

  /** A new merchant at the sandbox, in {@code public_key} or {@code certificate} mode. */
  protected Merchant newMerchant(KeyMode mode) throws Exception {
    HttpResponse<String> created =
        postJson(
            "/sandbox/wechatpay/api/merchants",
            Map.of("key_mode", mode == KeyMode.PUBLIC_KEY ? "public_key" : "certificate"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode m = JSON.readTree(created.body());
    return new Merchant(
        m.get("mchid").asString(),
        m.get("appid").asString(),
        m.get("merchant_private_key").asString(),
        m.get("merchant_serial_no").asString(),
        m.get("apiv3_key").asString(),
        m.get("platform_serial_no").asString(),
        m.get("public_key").asString(),
        m.get("public_key_id").asString());
  }

  protected WechatPaySettings settings(Merchant m, KeyMode mode) {
    return settings(m, mode, WechatPayApp.of(m.appid()));
  }

  /** The merchant's settings with this one app, named {@code default}. */
  protected WechatPaySettings settings(Merchant m, KeyMode mode, WechatPayApp app) {
    return new WechatPaySettings(
        m.mchid(),
        Map.of("default", app),
        m.privateKey(),
        m.serialNo(),
        null,
        m.apiV3Key(),
        mode,
        mode == KeyMode.PUBLIC_KEY ? m.publicKey() : null,
        mode == KeyMode.PUBLIC_KEY ? m.publicKeyId() : null,
        inbox.url(),
        URI.create(base() + "/sandbox/wechatpay"),
        Duration.ofSeconds(2),
        Duration.ofSeconds(10));
  }

  protected WechatPayChannel channel(WechatPaySettings settings) {
    return new WechatPayChannel(settings, exchanges, Clock.systemUTC());
  }

  protected static String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
  }

  protected static PayOrder order(String outTradeNo, Product product, String amount) {
    // No time_expire: the sandbox's clock may be moved by another test.
    return new PayOrder(
        null, outTradeNo, product, Money.parse(amount), "一杯咖啡 PayGate", "round trip", null);
  }

  /** The payer's phone pays the order ({@code POST /sandbox/wechatpay/api/payer/pay}). */
  protected HttpResponse<String> payerPays(String mchid, String outTradeNo) throws Exception {
    return postJson(
        "/sandbox/wechatpay/api/payer/pay", Map.of("mchid", mchid, "out_trade_no", outTradeNo));
  }

  /** The payer pays with the signed parameters the front end was given (JSAPI, App). */
  protected HttpResponse<String> payerPaysWith(
      String mchid, String outTradeNo, Map<String, String> payParams) throws Exception {
    return postJson(
        "/sandbox/wechatpay/api/payer/pay",
        Map.of("mchid", mchid, "out_trade_no", outTradeNo, "pay_params", payParams));
  }

  /** The payer's openid at this appid. */
  protected String openid(String appid) throws Exception {
    for (JsonNode p : JSON.readTree(get("/sandbox/wechatpay/api/payers").body())) {
      if (p.get("appid").asString().equals(appid)) {
        return p.get("openid").asString();
      }
    }
    throw new AssertionError("no payer at " + appid);
  }

  /** The appid's AppSecret, from the merchants API's {@code app_secrets}. */
  protected String appSecret(String appid) throws Exception {
    for (JsonNode m : JSON.readTree(get("/sandbox/wechatpay/api/merchants").body())) {
      JsonNode secret = m.get("app_secrets").get(appid);
      if (secret != null) {
        return secret.asString();
      }
    }
    throw new AssertionError("no AppSecret for " + appid);
  }

  /** The next notification the inbox received, as the server hands it to the channel. */
  protected InboundNotification nextNotification() {
    Receiver.Received received = inbox.next(Duration.ofSeconds(10));
    return new InboundNotification(received.headers(), received.raw(), received.contentType());
  }

  protected HttpResponse<String> postJson(String path, Object body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(base() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  protected HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(base() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  protected void setFaults(String json) throws Exception {
    HTTP.send(
        HttpRequest.newBuilder(URI.create(base() + "/sandbox/api/faults"))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
