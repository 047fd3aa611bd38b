package io.paygate.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.paygate.alipay.settings.AlipayKeyCheck;
import io.paygate.alipay.settings.AlipaySettings;
import io.paygate.alipay.support.NotifyInbox;
import io.paygate.alipay.support.RecordingExchangeLog;
import io.paygate.alipay.support.TestKeys;
import io.paygate.core.channel.ChannelTrade;
import io.paygate.core.channel.ChannelTradeStatus;
import io.paygate.core.channel.CloseOutcome;
import io.paygate.core.channel.NotificationCheck;
import io.paygate.core.channel.PayOrder;
import io.paygate.core.channel.RefundLookup;
import io.paygate.core.channel.RefundOrder;
import io.paygate.core.channel.RefundOutcome;
import io.paygate.core.channel.TradeLookup;
import io.paygate.core.channel.TradeNotification;
import io.paygate.core.channel.TradeRef;
import io.paygate.core.exchanges.Exchange;
import io.paygate.core.money.Money;
import io.paygate.core.payments.Product;
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
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
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

  private NotifyInbox inbox;
  private RecordingExchangeLog exchanges;
  private AlipaySettings settings;
  private AlipayChannel channel;

  @BeforeEach
  void pointTheChannelAtTheSandbox() throws Exception {
    inbox = new NotifyInbox();
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

  // --- the cashier flow: payForm -> browser posts it -> buyer pays -> query, notify, return

  private static final Pattern ACTION = Pattern.compile("action=\"([^\"]+)\"");
  private static final Pattern BIZ = Pattern.compile("name=\"biz_content\" value=\"([^\"]*)\"");

  /** Posts the form the way the buyer's browser does; returns the gateway's answer. */
  private HttpResponse<String> submit(String html) throws Exception {
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

  private JsonNode defaultBuyer() throws Exception {
    JsonNode buyers = JSON.readTree(get("/sandbox/api/buyers").body());
    assertThat(buyers.size()).isPositive();
    return buyers.get(0);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private JsonNode buyerPays(String outTradeNo) throws Exception {
    return buyerActs("pay", outTradeNo);
  }

  /** The buyer opens the cashier (scans the QR code): the trade now exists, unpaid. */
  private JsonNode buyerScans(String outTradeNo) throws Exception {
    return buyerActs("scan", outTradeNo);
  }

  private JsonNode buyerActs(String action, String outTradeNo) throws Exception {
    JsonNode buyer = defaultBuyer();
    String body =
        JSON.writeValueAsString(
            Map.of(
                "app_id", settings.appId(),
                "out_trade_no", outTradeNo,
                "buyer_logon_id", buyer.get("logon_id").asText(),
                "pay_password", buyer.get("pay_password").asText()));
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

  private PayOrder order(String outTradeNo, Product product, String amount) {
    return new PayOrder(
        outTradeNo,
        product,
        Money.parse(amount),
        "一杯咖啡 \"PayGate\" & <cake>",
        "round trip",
        Instant.now().plus(Duration.ofHours(1)));
  }

  @Test
  void thePayFormOpensTheCashierAndNoTradeExistsBeforeTheBuyerComes() throws Exception {
    String outTradeNo = unique("PC");

    HttpResponse<String> answer = submit(channel.payForm(order(outTradeNo, Product.PAGE, "88.80")));

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
    String cashier = answer.headers().firstValue("Location").orElseThrow();
    assertThat(cashier).startsWith("http://localhost:" + port + "/sandbox/cashier/");
    HttpResponse<String> page =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(cashier)).GET().build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("88.80");
    assertThat(channel.queryTrade(TradeRef.byOutTradeNo(outTradeNo)))
        .isEqualTo(new TradeLookup.NotFound());
  }

  @Test
  void aPaidPagePayTradeIsFoundNotifiedAndReturnedWithGenuineSignatures() throws Exception {
    String outTradeNo = unique("PAID");
    submit(channel.payForm(order(outTradeNo, Product.PAGE, "12.34")));

    JsonNode paid = buyerPays(outTradeNo);

    TradeLookup lookup = channel.queryTrade(TradeRef.byOutTradeNo(outTradeNo));
    assertThat(lookup).isInstanceOf(TradeLookup.Found.class);
    ChannelTrade trade = ((TradeLookup.Found) lookup).trade();
    assertThat(trade.outTradeNo()).isEqualTo(outTradeNo);
    assertThat(trade.tradeNo()).isEqualTo(paid.get("trade_no").asText());
    assertThat(trade.status()).isEqualTo(ChannelTradeStatus.TRADE_SUCCESS);
    assertThat(trade.totalAmount()).isEqualTo(Money.parse("12.34"));
    assertThat(trade.buyerLogonId()).isNotBlank();
    assertThat(trade.buyerId()).startsWith("2088");
    assertThat(trade.paidAt()).isNotNull();

    // The sandbox delivers the notify to our inbox; the channel must accept its signature.
    assertThat(inbox.received()).hasSize(1);
    NotificationCheck check = channel.verifyNotification(inbox.received().get(0));
    assertThat(check).isInstanceOf(NotificationCheck.Verified.class);
    TradeNotification notification = ((NotificationCheck.Verified) check).notification();
    assertThat(notification.appId()).isEqualTo(settings.appId());
    assertThat(notification.sellerId()).isEqualTo(settings.sellerId());
    assertThat(notification.notifyId()).isNotBlank();
    assertThat(notification.trade().outTradeNo()).isEqualTo(outTradeNo);
    assertThat(notification.trade().status()).isEqualTo(ChannelTradeStatus.TRADE_SUCCESS);
    assertThat(notification.trade().totalAmount()).isEqualTo(Money.parse("12.34"));
    assertThat(notification.trade().paidAt()).isNotNull();
    Map<String, String> tampered = new HashMap<>(inbox.received().get(0));
    tampered.put("total_amount", "0.01");
    assertThat(channel.verifyNotification(tampered)).isInstanceOf(NotificationCheck.Rejected.class);

    // And the browser's return to the shop carries Alipay's signature too.
    String returnUrl = paid.get("return_url").asText();
    assertThat(returnUrl).startsWith(settings.returnUrl());
    Map<String, String> returned = NotifyInbox.decode(URI.create(returnUrl).getRawQuery());
    assertThat(channel.verifyReturn(returned)).isTrue();
    returned.put("total_amount", "1.00");
    assertThat(channel.verifyReturn(returned)).isFalse();
  }

  @Test
  void aWapPayTradeIsPaidToo() throws Exception {
    String outTradeNo = unique("WAP");
    HttpResponse<String> answer = submit(channel.payForm(order(outTradeNo, Product.WAP, "0.01")));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);

    buyerPays(outTradeNo);

    TradeLookup lookup = channel.queryTrade(TradeRef.byOutTradeNo(outTradeNo));
    assertThat(lookup).isInstanceOf(TradeLookup.Found.class);
    assertThat(((TradeLookup.Found) lookup).trade().status())
        .isEqualTo(ChannelTradeStatus.TRADE_SUCCESS);
    assertThat(((TradeLookup.Found) lookup).trade().totalAmount()).isEqualTo(Money.parse("0.01"));
  }

  // --- refunds and close

  private String paidTrade(String amount) throws Exception {
    String outTradeNo = unique("RF");
    submit(channel.payForm(order(outTradeNo, Product.PAGE, amount)));
    buyerPays(outTradeNo);
    return outTradeNo;
  }

  private static RefundOrder refundOf(String outTradeNo, String outRequestNo, String amount) {
    return new RefundOrder(outTradeNo, null, outRequestNo, Money.parse(amount), "damaged");
  }

  @Test
  void partialRefundsAreAcceptedIdempotentQueryableAndCloseTheTradeWhenComplete() throws Exception {
    String outTradeNo = paidTrade("20.00");
    TradeRef trade = TradeRef.byOutTradeNo(outTradeNo);

    RefundOutcome first = channel.refund(refundOf(outTradeNo, "R1", "5.00"));
    assertThat(first).isInstanceOf(RefundOutcome.Accepted.class);
    RefundOutcome.Accepted accepted = (RefundOutcome.Accepted) first;
    assertThat(accepted.totalRefunded()).isEqualTo(Money.parse("5.00"));
    assertThat(accepted.fundChanged()).isTrue();
    assertThat(accepted.refundedAt()).isNotNull();

    // The same request again moves nothing, and says so.
    RefundOutcome again = channel.refund(refundOf(outTradeNo, "R1", "5.00"));
    assertThat(again).isInstanceOf(RefundOutcome.Accepted.class);
    assertThat(((RefundOutcome.Accepted) again).totalRefunded()).isEqualTo(Money.parse("5.00"));
    assertThat(((RefundOutcome.Accepted) again).fundChanged()).isFalse();

    RefundLookup lookup = channel.queryRefund(trade, "R1");
    assertThat(lookup).isInstanceOf(RefundLookup.Refunded.class);
    assertThat(((RefundLookup.Refunded) lookup).amount()).isEqualTo(Money.parse("5.00"));
    assertThat(((RefundLookup.Refunded) lookup).refundedAt()).isNotNull();
    assertThat(channel.queryRefund(trade, "R-NEVER-SENT"))
        .isEqualTo(new RefundLookup.NotRefunded());
    TradeLookup partly = channel.queryTrade(trade);
    assertThat(((TradeLookup.Found) partly).trade().status())
        .isEqualTo(ChannelTradeStatus.TRADE_SUCCESS);

    RefundOutcome rest = channel.refund(refundOf(outTradeNo, "R2", "15.00"));
    assertThat(((RefundOutcome.Accepted) rest).totalRefunded()).isEqualTo(Money.parse("20.00"));
    TradeLookup closed = channel.queryTrade(trade);
    assertThat(((TradeLookup.Found) closed).trade().status())
        .isEqualTo(ChannelTradeStatus.TRADE_CLOSED);

    RefundOutcome tooMuch = channel.refund(refundOf(outTradeNo, "R3", "1.00"));
    assertThat(tooMuch).isInstanceOf(RefundOutcome.Refused.class);
    assertThat(exchanges.all())
        .extracting(Exchange::operation)
        .contains("refund", "queryRefund", "queryTrade");
  }

  @Test
  void aRefundOfAnUnknownTradeIsRefusedWithAlipaysCode() {
    RefundOutcome outcome = channel.refund(refundOf(unique("NONE"), "R1", "1.00"));

    assertThat(outcome).isInstanceOf(RefundOutcome.Refused.class);
    assertThat(((RefundOutcome.Refused) outcome).error().subCode())
        .isEqualTo("ACQ.TRADE_NOT_EXIST");
  }

  @Test
  void aRefundQueryForAnUnknownTradeIsNotRefunded() {
    assertThat(channel.queryRefund(TradeRef.byOutTradeNo(unique("NONE")), "R1"))
        .isEqualTo(new RefundLookup.NotRefunded());
  }

  @Test
  void closeEndsAnOpenedUnpaidTrade() throws Exception {
    String outTradeNo = unique("CL");
    submit(channel.payForm(order(outTradeNo, Product.PAGE, "3.00")));
    buyerScans(outTradeNo);
    TradeRef trade = TradeRef.byOutTradeNo(outTradeNo);
    assertThat(((TradeLookup.Found) channel.queryTrade(trade)).trade().status())
        .isEqualTo(ChannelTradeStatus.WAIT_BUYER_PAY);

    assertThat(channel.close(trade)).isEqualTo(new CloseOutcome.Closed());

    assertThat(((TradeLookup.Found) channel.queryTrade(trade)).trade().status())
        .isEqualTo(ChannelTradeStatus.TRADE_CLOSED);
  }

  @Test
  void closingAnOrderTheBuyerNeverOpenedFindsNothingToClose() throws Exception {
    String outTradeNo = unique("CL");
    submit(channel.payForm(order(outTradeNo, Product.PAGE, "3.00")));

    assertThat(channel.close(TradeRef.byOutTradeNo(outTradeNo)))
        .isEqualTo(new CloseOutcome.NotFound());
  }

  @Test
  void closingAPaidTradeIsRefused() throws Exception {
    String outTradeNo = paidTrade("4.00");

    CloseOutcome outcome = channel.close(TradeRef.byOutTradeNo(outTradeNo));

    assertThat(outcome).isInstanceOf(CloseOutcome.Refused.class);
    assertThat(((CloseOutcome.Refused) outcome).error().subCode())
        .isEqualTo("ACQ.TRADE_STATUS_ERROR");
  }
}
