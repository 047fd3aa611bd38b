package io.paygate.server.reconciliation;

import static io.paygate.server.database.Times.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.kagkarlsson.scheduler.task.Task;
import io.micrometer.core.instrument.MeterRegistry;
import io.paygate.core.channel.Channels;
import io.paygate.core.channel.CheckoutOutcome;
import io.paygate.core.channel.PayOrder;
import io.paygate.core.channel.Product;
import io.paygate.core.errors.ErrorCode;
import io.paygate.core.errors.PayGateException;
import io.paygate.core.money.Money;
import io.paygate.core.reconciliation.BillReconciler;
import io.paygate.server.recovery.HeldAnswersServerTest;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Reconciliation against the embedded sandbox's real bill (downloaded, unzipped and read by the
 * Alipay channel). Each test works on a Beijing day of its own: both clocks, the sandbox's and
 * ours, are moved to the start of a fresh day, the day's business is done, and both are moved past
 * its end so that Alipay publishes the bill.
 */
class ReconciliationTest extends HeldAnswersServerTest {

  @Autowired JdbcClient jdbc;
  @Autowired DailyReconciliation daily;
  @Autowired List<Task<?>> tasks;
  @Autowired MeterRegistry meters;
  @Autowired Channels channels;

  /** paygate_reconciliation_differences_total{kind, mended="false"}. */
  private double unmended(String kind) {
    return meters
        .find("paygate.reconciliation.differences")
        .tag("kind", kind)
        .tag("mended", "false")
        .counters()
        .stream()
        .mapToDouble(io.micrometer.core.instrument.Counter::count)
        .sum();
  }

  /** Both clocks alike before each test: other classes on this server move only the server's. */
  @BeforeEach
  void bothClocksAlike() {
    clocksInStep();
  }

  // --- time ---

  /** 01:00 of the next Beijing day on both clocks: a day no other test has touched. */
  private LocalDate freshDay() {
    LocalDate day = LocalDate.ofInstant(clock.instant(), BillReconciler.BILL_ZONE).plusDays(1);
    advanceBothTo(day.atStartOfDay(BillReconciler.BILL_ZONE).toInstant().plus(Duration.ofHours(1)));
    return day;
  }

  /** Both clocks a little past the day's end: its bill is published. */
  private void endOf(LocalDate day) {
    advanceBothTo(
        day.plusDays(1)
            .atStartOfDay(BillReconciler.BILL_ZONE)
            .toInstant()
            .plus(Duration.ofMinutes(5)));
  }

  // --- the API ---

  private Reply reconcile(LocalDate day) {
    return api("POST", "/api/v1/reconciliations", Map.of("bill_date", day.toString()));
  }

  private JsonNode reconciled(LocalDate day) {
    Reply run = reconcile(day);
    assertThat(run.status()).as(run.body()).isEqualTo(201);
    return run.json();
  }

  private Reply refund(String outTradeNo, String outRequestNo, String amount) {
    Reply refund = refundPayment(outTradeNo, amount, outRequestNo);
    assertThat(refund.status()).as(refund.body()).isEqualTo(201);
    return refund;
  }

  private static List<String> kinds(JsonNode run) {
    List<String> kinds = new ArrayList<>();
    run.get("differences").forEach(d -> kinds.add(d.get("kind").asString()));
    return kinds;
  }

  private static JsonNode difference(JsonNode run, String kind) {
    for (JsonNode d : run.get("differences")) {
      if (d.get("kind").asString().equals(kind)) {
        return d;
      }
    }
    throw new AssertionError("no " + kind + " in " + run);
  }

  private String tradeNo(String outTradeNo) {
    return payment(outTradeNo).get("trade_no").asString();
  }

  /** The types of the payment's webhook events. */
  private List<String> events(String outTradeNo) {
    List<String> types = new ArrayList<>();
    api("GET", "/api/v1/events?payment=" + outTradeNo, null)
        .json()
        .get("data")
        .forEach(event -> types.add(event.get("type").asString()));
    return types;
  }

  // --- the tests ---

  @Test
  void aDayWhoseBooksAgreeWithTheBillMatchesAndEveryRunIsKept() {
    LocalDate day = freshDay();
    String first = paidPayment("10.00");
    String second = paidPayment("20.00");
    String third = paidPayment("5.00");
    refund(second, "R1", "3.00");
    refund(third, "R2", "5.00");
    endOf(day);

    Reply created = reconcile(day);

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.header("Location")).isEqualTo("/api/v1/reconciliations/" + day);
    JsonNode run = created.json();
    assertThat(run.get("bill_date").asString()).isEqualTo(day.toString());
    assertThat(run.get("status").asString()).isEqualTo("MATCHED");
    assertThat(run.get("trades_in_bill").asInt()).isEqualTo(3);
    assertThat(run.get("trades_here").asInt()).isEqualTo(3);
    assertThat(run.get("differences").size()).isZero();
    assertThat(run.get("created_at").asString()).isNotBlank();
    assertThat(payment(first).get("status").asString()).isEqualTo("PAID");

    Reply stored = api("GET", "/api/v1/reconciliations/" + day, null);
    assertThat(stored.status()).isEqualTo(200);
    assertThat(stored.json()).isEqualTo(run);

    // A second run is kept too; the latest is the one shown.
    advanceBoth(Duration.ofMinutes(1));
    JsonNode again = reconciled(day);
    assertThat(api("GET", "/api/v1/reconciliations/" + day, null).json()).isEqualTo(again);
    assertThat(again.get("created_at")).isNotEqualTo(run.get("created_at"));
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM reconciliations WHERE bill_date = ?")
                .param(day)
                .query(Integer.class)
                .single())
        .isEqualTo(2);
  }

  @Test
  void aPaymentWhoseNotifyWasLostIsFoundInTheBillAndSynced() {
    LocalDate day = freshDay();
    String outTradeNo = createPayment("7.00", "page");
    openCashier(outTradeNo);
    // Every attempt of the day is lost, retries too.
    fault("{\"notify\":[{\"kind\":\"drop\",\"share\":1.0}]}");
    assertThat(payAsBuyer(outTradeNo).status()).isEqualTo(200);
    endOf(day);
    assertThat(payment(outTradeNo).get("status").asString()).isEqualTo("PENDING");

    JsonNode run = reconciled(day);

    assertThat(run.get("status").asString()).isEqualTo("MATCHED");
    assertThat(kinds(run)).containsExactly("MISSING_HERE");
    JsonNode missing = difference(run, "MISSING_HERE");
    assertThat(missing.get("out_trade_no").asString()).isEqualTo(outTradeNo);
    assertThat(missing.get("ours").asString()).isEqualTo("PENDING 7.00");
    assertThat(missing.get("alipays").asString()).isEqualTo("PAID 7.00");
    assertThat(missing.get("mended").asBoolean()).isTrue();
    assertThat(run.get("trades_here").asInt()).isEqualTo(1);
    JsonNode payment = payment(outTradeNo);
    assertThat(payment.get("status").asString()).isEqualTo("PAID");
    assertThat(missing.get("trade_no").asString()).isEqualTo(payment.get("trade_no").asString());
  }

  private static final Pattern FORM_ACTION = Pattern.compile("action=\"([^\"]+)\"");
  private static final Pattern HIDDEN =
      Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"");

  @Test
  void aPaymentClosedHereWhoseCashierWasThenPaidIsBookedAsPaidAfterClose() {
    LocalDate day = freshDay();
    String outTradeNo = createPayment("8.00", "page");
    // The buyer's browser has the form; the shop closes the payment before the cashier opens.
    Reply page = get("/pay/" + outTradeNo);
    assertThat(page.status()).isEqualTo(200);
    Reply closed = api("POST", "/api/v1/payments/" + outTradeNo + "/close", null);
    assertThat(closed.json().get("status").asString()).as(closed.body()).isEqualTo("CLOSED");
    fault("{\"notify\":[{\"kind\":\"drop\",\"share\":1.0}]}");
    submit(page.body());
    assertThat(payAsBuyer(outTradeNo).status()).isEqualTo(200);
    endOf(day);
    assertThat(payment(outTradeNo).get("status").asString()).isEqualTo("CLOSED");

    JsonNode run = reconciled(day);

    assertThat(kinds(run)).containsExactly("STATUS_DIFFERS");
    JsonNode status = difference(run, "STATUS_DIFFERS");
    assertThat(status.get("ours").asString()).isEqualTo("CLOSED 8.00");
    assertThat(status.get("alipays").asString()).isEqualTo("PAID 8.00");
    assertThat(status.get("mended").asBoolean()).isTrue();
    assertThat(run.get("status").asString()).isEqualTo("MATCHED");
    JsonNode payment = payment(outTradeNo);
    assertThat(payment.get("status").asString()).isEqualTo("PAID");
    assertThat(payment.get("attention").asString()).isEqualTo("PAID_AFTER_CLOSE");
  }

  private void submit(String payPage) {
    Matcher action = FORM_ACTION.matcher(payPage);
    assertThat(action.find()).isTrue();
    Map<String, String> hidden = new LinkedHashMap<>();
    Matcher input = HIDDEN.matcher(payPage);
    while (input.find()) {
      hidden.put(input.group(1), input.group(2).replace("&quot;", "\""));
    }
    Reply cashier = postForm(action.group(1).replace("&amp;", "&"), hidden);
    assertThat(cashier.status()).as(cashier.body()).isLessThan(400);
  }

  @Test
  void aPaymentRefundedInFullInAlipaysConsoleBeforePayGateSawItPaidSettlesAsPaidThenRefunded() {
    LocalDate day = freshDay();
    String outTradeNo = createPayment("8.00", "page");
    openCashier(outTradeNo);
    fault("{\"notify\":[{\"kind\":\"drop\",\"share\":1.0}]}");
    String tradeNo = payAsBuyer(outTradeNo).json().get("trade_no").asString();
    Reply console =
        postJson(
            "/sandbox/api/trades/" + tradeNo + "/console-refunds", Map.of("refund_amount", "8.00"));
    assertThat(console.status()).as(console.body()).isEqualTo(201);
    assertThat(payment(outTradeNo).get("status").asString()).isEqualTo("PENDING");

    // A page trade's close is not notified: PayGate asks, and learns the trade was paid and closed,
    // so given back in full, but not by which refund.
    JsonNode synced = api("GET", "/api/v1/payments/" + outTradeNo + "?sync=true", null).json();
    assertThat(synced.get("status").asString()).isEqualTo("PAID");
    assertThat(synced.get("attention").asString()).isEqualTo("REFUND_MISMATCH");
    assertThat(events(outTradeNo)).containsExactly("payment.needs_attention");

    // The day's bill names the refund: it is booked and the payment ends refunded.
    endOf(day);
    reconciled(day);
    JsonNode payment = payment(outTradeNo);
    assertThat(payment.get("status").asString()).isEqualTo("REFUNDED");
    assertThat(payment.get("refunded_amount").asString()).isEqualTo("8.00");
    JsonNode refunds = api("GET", "/api/v1/payments/" + outTradeNo + "/refunds", null).json();
    assertThat(refunds.size()).isEqualTo(1);
    assertThat(refunds.get(0).get("out_request_no").asString())
        .isEqualTo(console.json().get("out_biz_no").asString());
    assertThat(refunds.get(0).get("origin").asString()).isEqualTo("ALIPAY");
    // Never a success the shop would fulfil for money already returned.
    assertThat(events(outTradeNo))
        .containsExactlyInAnyOrder(
            "payment.needs_attention", "refund.succeeded", "payment.refunded");
  }

  @Test
  void aRefundMadeInAlipaysConsoleWhoseNotifyWasLostIsBookedFromTheBill() {
    LocalDate day = freshDay();
    String outTradeNo = paidPayment("10.00");
    fault("{\"notify\":[{\"kind\":\"drop\",\"share\":1.0}]}");
    Reply console =
        postJson(
            "/sandbox/api/trades/" + tradeNo(outTradeNo) + "/console-refunds",
            Map.of("refund_amount", "3.00"));
    assertThat(console.status()).as(console.body()).isEqualTo(201);
    String outBizNo = console.json().get("out_biz_no").asString();
    endOf(day);
    assertThat(payment(outTradeNo).get("refunded_amount").asString()).isEqualTo("0.00");

    JsonNode run = reconciled(day);

    assertThat(kinds(run)).containsExactly("REFUND_MISSING_HERE");
    JsonNode missing = difference(run, "REFUND_MISSING_HERE");
    assertThat(missing.get("out_trade_no").asString()).isEqualTo(outTradeNo);
    assertThat(missing.get("out_request_no").asString()).isEqualTo(outBizNo);
    assertThat(missing.get("ours").isNull()).isTrue();
    assertThat(missing.get("alipays").asString()).isEqualTo("SUCCEEDED 3.00");
    assertThat(missing.get("mended").asBoolean()).isTrue();
    assertThat(run.get("status").asString()).isEqualTo("MATCHED");
    JsonNode refunds = api("GET", "/api/v1/payments/" + outTradeNo + "/refunds", null).json();
    assertThat(refunds.size()).isEqualTo(1);
    assertThat(refunds.get(0).get("out_request_no").asString()).isEqualTo(outBizNo);
    assertThat(refunds.get(0).get("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(refunds.get(0).get("origin").asString()).isEqualTo("ALIPAY");
    JsonNode payment = payment(outTradeNo);
    assertThat(payment.get("refunded_amount").asString()).isEqualTo("3.00");
    assertThat(payment.get("status").asString()).isEqualTo("PARTIALLY_REFUNDED");

    // The next run finds the books and the bill agreeing.
    assertThat(reconciled(day).get("differences").size()).isZero();
  }

  @Test
  void whatOnlyAnOperatorCanSettleIsLeftOpen() {
    LocalDate day = freshDay();
    String amount = paidPayment("10.00");
    String refundAmount = paidPayment("6.00");
    refund(refundAmount, "RA", "2.00");
    String unknownRefund = paidPayment("4.00");
    String neverPaid = createPayment("9.00", "page");
    Instant now = clock.instant();
    // Our books drift from Alipay's in ways no sync can explain.
    jdbc.sql("UPDATE payments SET total_amount = 11.00 WHERE out_trade_no = ?")
        .param(amount)
        .update();
    jdbc.sql("UPDATE refunds SET refund_amount = 2.50 WHERE out_trade_no = ?")
        .param(refundAmount)
        .update();
    jdbc.sql(
            "INSERT INTO refunds (out_trade_no, out_request_no, refund_amount, status, created_at,"
                + " updated_at, refunded_at, origin)"
                + " VALUES (?, 'RGHOST', 1.00, 'SUCCEEDED', ?, ?, ?, 'PAYGATE')")
        .params(unknownRefund, column(now), column(now), column(now))
        .update();
    jdbc.sql("UPDATE payments SET status = 'PAID', paid_at = ? WHERE out_trade_no = ?")
        .params(column(now), neverPaid)
        .update();
    endOf(day);
    double unmendedBefore = unmended("MISSING_AT_ALIPAY");

    JsonNode run = reconciled(day);

    assertThat(unmended("MISSING_AT_ALIPAY")).isEqualTo(unmendedBefore + 1);
    assertThat(run.get("status").asString()).isEqualTo("MISMATCHED");
    assertThat(kinds(run))
        .containsExactlyInAnyOrder(
            "AMOUNT_DIFFERS",
            "MISSING_AT_ALIPAY",
            "REFUND_AMOUNT_DIFFERS",
            "REFUND_MISSING_AT_ALIPAY");
    run.get("differences").forEach(d -> assertThat(d.get("mended").asBoolean()).isFalse());
    JsonNode amounts = difference(run, "AMOUNT_DIFFERS");
    assertThat(amounts.get("out_trade_no").asString()).isEqualTo(amount);
    assertThat(amounts.get("trade_no").asString()).isEqualTo(tradeNo(amount));
    assertThat(amounts.get("ours").asString()).isEqualTo("11.00");
    assertThat(amounts.get("alipays").asString()).isEqualTo("10.00");
    JsonNode missing = difference(run, "MISSING_AT_ALIPAY");
    assertThat(missing.get("out_trade_no").asString()).isEqualTo(neverPaid);
    assertThat(missing.get("ours").asString()).isEqualTo("PAID 9.00");
    assertThat(missing.get("alipays").isNull()).isTrue();
    JsonNode refundAmounts = difference(run, "REFUND_AMOUNT_DIFFERS");
    assertThat(refundAmounts.get("out_request_no").asString()).isEqualTo("RA");
    assertThat(refundAmounts.get("ours").asString()).isEqualTo("2.50");
    assertThat(refundAmounts.get("alipays").asString()).isEqualTo("2.00");
    JsonNode ghost = difference(run, "REFUND_MISSING_AT_ALIPAY");
    assertThat(ghost.get("out_request_no").asString()).isEqualTo("RGHOST");
    assertThat(ghost.get("ours").asString()).isEqualTo("SUCCEEDED 1.00");
    assertThat(run.get("trades_in_bill").asInt()).isEqualTo(3);
    assertThat(run.get("trades_here").asInt()).isEqualTo(4);

    // Nothing was written to our books for them.
    assertThat(
            jdbc.sql("SELECT total_amount FROM payments WHERE out_trade_no = ?")
                .param(amount)
                .query(BigDecimal.class)
                .single())
        .isEqualByComparingTo("11.00");
    assertThat(api("GET", "/api/v1/payments/" + unknownRefund + "/refunds", null).json().size())
        .isEqualTo(1);
    // What is stored is what was answered.
    assertThat(api("GET", "/api/v1/reconciliations/" + day, null).json()).isEqualTo(run);
  }

  @Test
  void todaysBillIsNotReady() {
    LocalDate today = LocalDate.ofInstant(clock.instant(), BillReconciler.BILL_ZONE);
    Reply notReady = reconcile(today);
    assertProblem(notReady, 409, "BILL_NOT_READY", null);
  }

  @Test
  void theDailyRunReconcilesYesterdayAndRetriesTheSameDayOnly() {
    LocalDate day = freshDay();
    paidPayment("1.00");
    endOf(day);
    advanceBoth(Duration.ofHours(10));

    assertThat(daily.reconcileYesterday().get(0).status().name()).isEqualTo("MATCHED");
    assertThat(
            api("GET", "/api/v1/reconciliations/" + day, null).json().get("trades_in_bill").asInt())
        .isEqualTo(1);

    // The scheduler picks the task up with the other recurring ones.
    assertThat(tasks).extracting(Task::getName).contains(ReconciliationConfiguration.DAILY);
    Instant tenOClock = Instant.parse("2026-06-06T02:00:00Z");
    assertThat(daily.retryAt(tenOClock)).contains(tenOClock.plus(Duration.ofMinutes(30)));
    // 23:45 in Beijing: a try after midnight would reconcile another day.
    assertThat(daily.retryAt(Instant.parse("2026-06-06T15:45:00Z"))).isEmpty();
  }

  @Test
  void badInputIsAProblemNamingTheField() {
    for (String bad : List.of("2026-13-01", "20260605", "2026-02-30", "", "tomorrow")) {
      assertProblem(
          api("POST", "/api/v1/reconciliations", Map.of("bill_date", bad)),
          400,
          "VALIDATION_FAILED",
          "bill_date");
    }
    assertProblem(
        api("POST", "/api/v1/reconciliations", "{}"), 400, "VALIDATION_FAILED", "bill_date");
    assertProblem(
        api("POST", "/api/v1/reconciliations", "not json"), 400, "MALFORMED_REQUEST", null);
    LocalDate tomorrow = LocalDate.ofInstant(clock.instant(), BillReconciler.BILL_ZONE).plusDays(1);
    assertProblem(reconcile(tomorrow), 400, "VALIDATION_FAILED", "bill_date");
    assertProblem(
        api("GET", "/api/v1/reconciliations/2026-6-5", null),
        400,
        "VALIDATION_FAILED",
        "bill_date");
    assertProblem(
        api("GET", "/api/v1/reconciliations/2001-01-01", null),
        404,
        "RECONCILIATION_NOT_FOUND",
        null);
    Reply anonymous =
        send(
            HttpRequest.newBuilder(URI.create(base() + "/api/v1/reconciliations/2001-01-01"))
                .GET()
                .build());
    assertThat(anonymous.status()).isEqualTo(401);
  }

  // --- WeChat Pay's trade bill ---

  private void payAtWechat(String outTradeNo) {
    Reply paid =
        postJson(
            "/sandbox/wechatpay/api/payer/pay",
            Map.of("mchid", wechatMerchant().get("mchid").asString(), "out_trade_no", outTradeNo));
    assertThat(paid.status()).as(paid.body()).isEqualTo(200);
  }

  /** Both clocks past 10:00 of the next day: WeChat Pay publishes a day's bills then. */
  private void endOfForWechat(LocalDate day) {
    endOf(day);
    advanceBoth(Duration.ofHours(10));
  }

  private Reply reconcile(LocalDate day, String channel) {
    return api(
        "POST", "/api/v1/reconciliations", Map.of("bill_date", day.toString(), "channel", channel));
  }

  @Test
  void wechatPaysTradeBillIsReconciledApartFromAlipaysAppOfTheSameName() {
    LocalDate day = freshDay();
    String alipay = paidPayment("7.00");
    String first = paidWechatPayment("10.00");
    String second = paidWechatPayment("20.00");
    refund(second, "WXR001", "3.00");
    endOfForWechat(day);

    Reply created = reconcile(day, "wechatpay");

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.header("Location"))
        .isEqualTo("/api/v1/reconciliations/" + day + "?channel=wechatpay");
    JsonNode run = created.json();
    assertThat(run.get("channel").asString()).isEqualTo("wechatpay");
    assertThat(run.get("app").asString()).isEqualTo("default");
    assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("MATCHED");
    assertThat(run.get("trades_in_bill").asInt()).isEqualTo(2);
    assertThat(run.get("trades_here").asInt()).isEqualTo(2);
    assertThat(run.get("differences").size()).as(run.toString()).isZero();
    // Alipay's app named default has its own bill: the WeChat payments are not in its books.
    JsonNode alipays = reconciled(day);
    assertThat(alipays.get("channel").asString()).isEqualTo("alipay");
    assertThat(alipays.get("status").asString()).as(alipays.toString()).isEqualTo("MATCHED");
    assertThat(alipays.get("trades_in_bill").asInt()).isEqualTo(1);
    assertThat(alipays.get("trades_here").asInt()).isEqualTo(1);
    assertThat(payment(alipay).get("channel").asString()).isEqualTo("alipay");
    assertThat(payment(first).get("channel").asString()).isEqualTo("wechatpay");
    assertThat(api("GET", "/api/v1/reconciliations/" + day + "?channel=wechatpay", null).json())
        .isEqualTo(run);
  }

  @Test
  void aPaymentOnlyWechatPaysBillHasIsFoundAtWechatPayOnly() {
    LocalDate day = freshDay();
    paidPayment("4.00");
    paidWechatPayment("6.00");
    // An order made at WeChat Pay with PayGate's keys but never booked here (another system of the
    // shop's, say), and paid: only the bill knows it.
    String planted = "PLANTED" + System.nanoTime();
    CheckoutOutcome opened =
        channels
            .of("wechatpay")
            .checkout(
                new PayOrder(
                    "default",
                    planted,
                    Product.QR,
                    Money.parse("8.00"),
                    "外来 Elsewhere",
                    null,
                    clock.instant().plus(Duration.ofHours(2))));
    assertThat(opened).isInstanceOf(CheckoutOutcome.Opened.class);
    payAtWechat(planted);
    endOfForWechat(day);

    JsonNode wechat = reconcile(day, "wechatpay").json();
    assertThat(wechat.get("status").asString()).isEqualTo("MISMATCHED");
    assertThat(kinds(wechat)).containsExactly("MISSING_HERE");
    JsonNode missing = difference(wechat, "MISSING_HERE");
    assertThat(missing.get("out_trade_no").asString()).isEqualTo(planted);
    assertThat(missing.get("mended").asBoolean()).isFalse();
    assertThat(wechat.get("trades_in_bill").asInt()).isEqualTo(2);
    assertThat(wechat.get("trades_here").asInt()).isEqualTo(1);

    JsonNode alipays = reconciled(day);
    assertThat(alipays.get("status").asString()).as(alipays.toString()).isEqualTo("MATCHED");
    assertThat(alipays.get("differences").size()).isZero();
    // Each channel's run is kept and read as its own.
    assertThat(
            api("GET", "/api/v1/reconciliations/" + day + "?channel=wechatpay&app=default", null)
                .json())
        .isEqualTo(wechat);
    assertThat(api("GET", "/api/v1/reconciliations/" + day, null).json()).isEqualTo(alipays);
    assertThat(
            jdbc.sql("SELECT channel FROM reconciliations WHERE bill_date = ? ORDER BY id")
                .param(day)
                .query(String.class)
                .list())
        .containsExactly("wechatpay", "alipay");
    // The console shows each channel's run of the day.
    String page =
        operatorWithRole("VIEWER")
            .get("/reconciliations?date=" + day + "&channel=wechatpay")
            .body();
    assertThat(page).contains(planted).contains("MISSING_HERE");
    assertThat(
            operatorWithRole("VIEWER")
                .get("/reconciliations?date=" + day + "&channel=alipay")
                .body())
        .doesNotContain(planted)
        .contains("id=\"result\"");
  }

  @Test
  void theDailyRunReconcilesEveryChannelAndABillNotReadyYetKeepsNoOtherFromIt() {
    LocalDate day = freshDay();
    paidPayment("2.00");
    paidWechatPayment("3.00");
    // 00:05: Alipay's bill is out, WeChat Pay's not before 10:00.
    endOf(day);

    assertThatThrownBy(() -> daily.reconcileYesterday())
        .isInstanceOfSatisfying(
            PayGateException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BILL_NOT_READY));
    assertThat(api("GET", "/api/v1/reconciliations/" + day, null).json().get("status").asString())
        .isEqualTo("MATCHED");
    assertThat(api("GET", "/api/v1/reconciliations/" + day + "?channel=wechatpay", null).status())
        .isEqualTo(404);

    advanceBoth(Duration.ofHours(10));
    List<io.paygate.core.reconciliation.Reconciliation> runs = daily.reconcileYesterday();
    assertThat(runs)
        .extracting(io.paygate.core.reconciliation.Reconciliation::channel)
        .containsExactlyInAnyOrder("alipay", "wechatpay");
    assertThat(runs)
        .allSatisfy(
            run -> {
              assertThat(run.status().name()).isEqualTo("MATCHED");
              assertThat(run.tradesInBill()).isEqualTo(1);
            });
  }

  @Test
  void anUnknownChannelIsAProblemNamingIt() {
    LocalDate yesterday =
        LocalDate.ofInstant(clock.instant(), BillReconciler.BILL_ZONE).minusDays(1);
    assertProblem(reconcile(yesterday, "paypal"), 400, "VALIDATION_FAILED", "channel");
    assertProblem(
        api("GET", "/api/v1/reconciliations/" + yesterday + "?channel=paypal", null),
        400,
        "VALIDATION_FAILED",
        "channel");
  }

  private static void assertProblem(Reply reply, int status, String code, String field) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    JsonNode problem = reply.json();
    assertThat(problem.get("code").asString()).isEqualTo(code);
    if (field != null) {
      assertThat(problem.get("field").asString()).isEqualTo(field);
    }
  }
}
