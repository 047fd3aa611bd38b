package io.paygate.alipay;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.alipay.settings.AlipaySettings;
import io.paygate.core.channel.PayOrder;
import io.paygate.core.channel.Product;
import io.paygate.core.channel.RefundOrder;
import io.paygate.core.money.Money;
import io.paygate.core.testkit.Receiver;
import io.paygate.core.testkit.RecordingExchangeLog;
import io.paygate.sandbox.SandboxApplication;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The channel against the PayGate sandbox, a separate Alipay-compatible gateway started in this JVM
 * on a random port (one context shared by the subclasses). The channel learns the app's keys the
 * way an operator would: from the sandbox's apps API. Notifications go to a local inbox.
 */
// One sandbox, its clock and faults shared by the subclasses: they run one at a time, on the first
// lane (junit-platform.properties).
@Execution(ExecutionMode.SAME_THREAD)
@SpringBootTest(
    classes = SandboxApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "paygate.sandbox.database-url=jdbc:h2:mem:alipay-channel-tests;DB_CLOSE_DELAY=-1",
      "paygate.sandbox.background-interval=0"
    })
abstract class SandboxChannelSupport {

  protected static final HttpClient HTTP = HttpClient.newHttpClient();
  protected static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort protected int port;

  protected Receiver inbox;
  protected RecordingExchangeLog exchanges;
  protected AlipaySettings settings;
  protected AlipayChannel channel;

  @BeforeEach
  void pointTheChannelAtTheSandbox() throws Exception {
    inbox = new Receiver();
    JsonNode app = defaultApp();
    settings =
        new AlipaySettings(
            app.get("app_id").asText(),
            app.get("app_private_key").asText(),
            app.get("alipay_public_key").asText(),
            app.get("app_public_key").asText(),
            "http://localhost:" + port + "/sandbox/gateway.do",
            inbox.url(),
            "https://shop.example/alipay/return",
            app.get("seller_id").asText(),
            Duration.ofSeconds(2),
            Duration.ofSeconds(10));
    exchanges = new RecordingExchangeLog();
    channel = new AlipayChannel(settings, exchanges, Clock.systemUTC());
  }

  @AfterEach
  void closeInbox() {
    inbox.close();
  }

  protected JsonNode defaultApp() throws Exception {
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

  protected static String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
  }

  protected static final Pattern ACTION = Pattern.compile("action=\"([^\"]+)\"");
  protected static final Pattern BIZ = Pattern.compile("name=\"biz_content\" value=\"([^\"]*)\"");

  /** Posts the form the way the buyer's browser does; returns the gateway's answer. */
  protected HttpResponse<String> submit(String html) throws Exception {
    Matcher action = ACTION.matcher(html);
    Matcher biz = BIZ.matcher(html);
    assertThat(action.find()).as("form action in %s", html).isTrue();
    assertThat(biz.find()).as("biz_content input in %s", html).isTrue();
    String url = action.group(1).replace("&amp;", "&");
    String bizContent = biz.group(1).replace("&quot;", "\"");
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "biz_content=" + URLEncoder.encode(bizContent, StandardCharsets.UTF_8)))
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  protected JsonNode defaultBuyer() throws Exception {
    JsonNode buyers = JSON.readTree(get("/sandbox/api/buyers").body());
    assertThat(buyers.size()).isPositive();
    return buyers.get(0);
  }

  /** A JSON POST to the sandbox. */
  protected HttpResponse<String> postJson(String path, Object body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  protected HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  protected JsonNode buyerPays(String outTradeNo) throws Exception {
    return buyerActs("pay", outTradeNo);
  }

  /** The buyer opens the cashier (scans the QR code): the trade now exists, unpaid. */
  protected JsonNode buyerScans(String outTradeNo) throws Exception {
    return buyerActs("scan", outTradeNo);
  }

  protected JsonNode buyerActs(String action, String outTradeNo) throws Exception {
    return buyerActs(action, settings.appId(), outTradeNo);
  }

  /** The default buyer acts on an order of the app with this id. */
  protected JsonNode buyerActs(String action, String appId, String outTradeNo) throws Exception {
    JsonNode buyer = defaultBuyer();
    String body =
        JSON.writeValueAsString(
            Map.of(
                "app_id",
                appId,
                "out_trade_no",
                outTradeNo,
                "buyer_logon_id",
                buyer.get("logon_id").asText(),
                "pay_password",
                buyer.get("pay_password").asText()));
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/sandbox/api/buyer/" + action))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  protected PayOrder order(String outTradeNo, Product product, String amount) {
    return order(null, outTradeNo, product, amount);
  }

  protected PayOrder order(String app, String outTradeNo, Product product, String amount) {
    return new PayOrder(
        app,
        outTradeNo,
        product,
        Money.parse(amount),
        "一杯咖啡 \"PayGate\" & <cake>",
        "round trip",
        Instant.now().plus(Duration.ofHours(1)));
  }

  protected String paidTrade(String amount) throws Exception {
    String outTradeNo = unique("RF");
    submit(channel.payForm(order(outTradeNo, Product.PAGE, amount)));
    buyerPays(outTradeNo);
    return outTradeNo;
  }

  protected static RefundOrder refundOf(String outTradeNo, String outRequestNo, String amount) {
    return new RefundOrder(null, outTradeNo, null, outRequestNo, Money.parse(amount), "damaged");
  }
}
