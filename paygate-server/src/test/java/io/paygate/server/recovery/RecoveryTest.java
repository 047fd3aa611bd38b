package io.paygate.server.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.core.checks.CheckSchedule;
import io.paygate.server.database.Times;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * What PayGate does when Alipay's answer is lost or unknown, driven by the sandbox's faults: the
 * outcome stays PENDING and is resolved by asking Alipay, never by a blind retry.
 */
class RecoveryTest extends HeldAnswersServerTest {

  @Autowired CheckSchedule checks;
  @Autowired JdbcClient jdbc;
  @Autowired RecoverySweep sweep;
  @Autowired io.paygate.core.transactions.Transactions transactions;
  @Autowired io.micrometer.core.instrument.MeterRegistry meters;

  private JsonNode refund(String outTradeNo, String outRequestNo) {
    return api("GET", "/api/v1/payments/" + outTradeNo + "/refunds/" + outRequestNo, null).json();
  }

  @Test
  void aRowIsWrittenInTheTransactionOfItsItemAndGoesIfItRollsBack() {
    String outTradeNo = paidPayment("5.00");
    assertThat(due.nextRefundCheck(outTradeNo, "ROLLED")).isNull();

    try {
      transactions.inTransaction(
          () -> {
            checks.checkRefund(outTradeNo, "ROLLED", clock.instant());
            // Inside the transaction, the row is there already: before any call could leave.
            assertThat(
                    jdbc.sql("SELECT COUNT(*) FROM scheduled_tasks WHERE task_instance = ?")
                        .param(outTradeNo + "/ROLLED")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
            throw new IllegalStateException("rolled back");
          });
    } catch (IllegalStateException expected) {
      // the item and its row, neither committed
    }

    assertThat(due.nextRefundCheck(outTradeNo, "ROLLED")).isNull();
  }

  @Test
  void theSweepGivesAnOpenItemWithoutARowItsRowAndCountsItAsADefect() {
    String outTradeNo = createPayment("3.00", "page");
    assertThat(due.nextPaymentCheck(outTradeNo)).isNotNull();
    double before = meters.counter("paygate.recovery.sweep.rows", "item", "payment").count();
    // A defect: an open payment whose row was lost.
    jdbc.sql("DELETE FROM scheduled_tasks WHERE task_name = 'payment-check' AND task_instance = ?")
        .param(outTradeNo)
        .update();

    assertThat(sweep.sweep()).isGreaterThanOrEqualTo(1);

    assertThat(due.nextPaymentCheck(outTradeNo)).isNotNull();
    assertThat(meters.counter("paygate.recovery.sweep.rows", "item", "payment").count())
        .isGreaterThanOrEqualTo(before + 1);
    // Nothing left to make: the count stays.
    double after = meters.counter("paygate.recovery.sweep.rows", "item", "payment").count();
    assertThat(sweep.sweep()).isZero();
    assertThat(meters.counter("paygate.recovery.sweep.rows", "item", "payment").count())
        .isEqualTo(after);
  }

  @Test
  void aRefundAnsweredWithASystemErrorStaysPendingThenIsRetriedUnderItsOwnNumber() {
    String outTradeNo = paidPayment("10.00");
    fault(
        "{\"gateway\":[{\"kind\":\"system_error\",\"methods\":[\"alipay.trade.refund\"],"
            + "\"count\":1}]}");
    String refunds = "/api/v1/payments/" + outTradeNo + "/refunds";

    Reply unknown = api("POST", refunds, Map.of("refund_amount", "4.00", "out_request_no", "RX1"));
    assertThat(unknown.status()).isEqualTo(202);
    assertThat(unknown.json().get("status").asString()).isEqualTo("PENDING");
    // The pending refund holds its amount: nothing can over-refund meanwhile.
    assertThat(api("POST", refunds, Map.of("refund_amount", "6.01")).status()).isEqualTo(422);

    // The janitor asks Alipay (after Alipay's 10 s pause): no such refund there, which means "not
    // received yet, or failed": it sends the same refund again under its own number.
    assertThat(due.nextRefundCheck(outTradeNo, "RX1")).isNotNull();
    clock.advance(Duration.ofSeconds(11));
    due.run();
    assertThat(refund(outTradeNo, "RX1").get("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(due.nextRefundCheck(outTradeNo, "RX1")).isNull();
    assertThat(payment(outTradeNo).get("refunded_amount").asString()).isEqualTo("4.00");
    assertThat(api("GET", refunds, null).json().size()).isEqualTo(1);

    // The same request again answers the same refund; Alipay refunded it once.
    Reply repeated = api("POST", refunds, Map.of("refund_amount", "4.00", "out_request_no", "RX1"));
    assertThat(repeated.json().get("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(payment(outTradeNo).get("refunded_amount").asString()).isEqualTo("4.00");
  }

  @Test
  void aRefundWhoseAnswerTimedOutIsFoundDoneByTheRefundQuery() {
    String outTradeNo = paidPayment("10.00");
    fault(
        "{\"gateway\":[{\"kind\":\"timeout\",\"methods\":[\"alipay.trade.refund\"],"
            + "\"hold_seconds\":2,\"count\":1}],"
            + "\"notify\":[{\"kind\":\"drop\",\"count\":5}]}");
    Reply timedOut = refundPayment(outTradeNo, "3.00", "RT1");
    assertThat(timedOut.status()).isEqualTo(202);
    assertThat(timedOut.json().get("status").asString()).isEqualTo("PENDING");
    assertThat(payment(outTradeNo).get("refunded_amount").asString()).isEqualTo("0.00");

    clock.advance(Duration.ofSeconds(11));
    due.run();
    assertThat(refund(outTradeNo, "RT1").get("status").asString()).isEqualTo("SUCCEEDED");
    JsonNode payment = payment(outTradeNo);
    assertThat(payment.get("refunded_amount").asString()).isEqualTo("3.00");
    assertThat(payment.get("status").asString()).isEqualTo("PARTIALLY_REFUNDED");
  }

  @Test
  void aLostNotifyIsRecoveredByTheSyncJob() {
    String outTradeNo = createPayment("7.00", "page");
    openCashier(outTradeNo);
    fault("{\"notify\":[{\"kind\":\"drop\",\"count\":1}]}");
    assertThat(payAsBuyer(outTradeNo).status()).isEqualTo(200);
    assertThat(payment(outTradeNo).get("status").asString()).isEqualTo("PENDING");

    // The first check, a minute after creation, finds it paid.
    clock.advance(Duration.ofSeconds(61));
    due.run();
    assertThat(payment(outTradeNo).get("status").asString()).isEqualTo("PAID");
    assertThat(due.nextPaymentCheck(outTradeNo)).isNull();
  }

  @Test
  void anUnavailableGatewayChangesNothing() {
    String outTradeNo = createPayment("2.00", "page");
    fault(
        "{\"gateway\":[{\"kind\":\"unavailable\",\"methods\":[\"alipay.trade.query\","
            + "\"alipay.trade.close\"],\"share\":1.0}]}");
    Reply synced = api("GET", "/api/v1/payments/" + outTradeNo + "?sync=true", null);
    assertThat(synced.status()).isEqualTo(200);
    assertThat(synced.json().get("status").asString()).isEqualTo("PENDING");

    // A close Alipay did not answer is not a failure: 202, the payment as it stands, asked again.
    Reply close = api("POST", "/api/v1/payments/" + outTradeNo + "/close", null);
    assertThat(close.status()).isEqualTo(202);
    assertThat(close.json().get("status").asString()).isEqualTo("PENDING");
    assertThat(close.raw().headers().firstValue("Location"))
        .hasValue("/api/v1/payments/" + outTradeNo);
    assertThat(payment(outTradeNo).get("status").asString()).isEqualTo("PENDING");
    assertThat(due.nextPaymentCheck(outTradeNo)).isNotNull();
  }

  @Test
  void anExpiredPaymentTheBuyerNeverOpenedIsClosedByTheSyncJob() {
    String outTradeNo = createPayment("2.00", "page");
    clock.advance(Duration.ofHours(3));
    due.run();
    assertThat(payment(outTradeNo).get("status").asString()).isEqualTo("CLOSED");
  }

  @Test
  void oneFailingPaymentNeverStopsTheChecksOfTheOthers() {
    // A row this version cannot read (say, one a newer version wrote): its check throws.
    jdbc.sql(
            "INSERT INTO payments (out_trade_no, product, total_amount, subject, status,"
                + " refunded_amount, created_at, updated_at, expires_at)"
                + " VALUES ('BROKEN_ROW', 'BOGUS', 1.00, 'x', 'PENDING', 0, ?, ?, ?)")
        .params(now(), now(), Times.column(clock.instant().plus(Duration.ofHours(2))))
        .update();
    checks.checkPayment("BROKEN_ROW", clock.instant());
    String lost = createPayment("7.00", "page");
    openCashier(lost);
    fault("{\"notify\":[{\"kind\":\"drop\",\"count\":1}]}");
    assertThat(payAsBuyer(lost).status()).isEqualTo(200);

    clock.advance(Duration.ofSeconds(61));
    due.run();

    assertThat(payment(lost).get("status").asString()).isEqualTo("PAID");
    // The broken one is counted in its own row and looked at again later, with backoff.
    assertThat(due.failures(RecoveryTasks.PAYMENT_CHECK, "BROKEN_ROW")).isEqualTo(1);
    assertThat(due.nextPaymentCheck("BROKEN_ROW")).isAfter(clock.instant());
  }

  @Test
  void aLostNotifyIsFoundWithinMinutesBehindABacklogOfAbandonedCarts() {
    // Hundreds of carts nobody opens, all older than the one paid payment whose notify is lost.
    List<String> abandoned = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      abandoned.add(createPayment("1.00", "page"));
    }
    String lost = createPayment("9.00", "page");
    openCashier(lost);
    fault("{\"notify\":[{\"kind\":\"drop\",\"count\":1}]}");
    assertThat(payAsBuyer(lost).status()).isEqualTo(200);

    clock.advance(Duration.ofSeconds(61));
    due.run();
    assertThat(payment(lost).get("status").asString()).isEqualTo("PAID");

    // Each cart has its own next check, backing off: 2 min after its first, then 4 min.
    for (String cart : List.of(abandoned.get(0), abandoned.get(199))) {
      assertThat(payment(cart).get("status").asString()).isEqualTo("PENDING");
      assertThat(Duration.between(lastQuery(cart), due.nextPaymentCheck(cart)))
          .isBetween(Duration.ofSeconds(119), Duration.ofSeconds(125));
    }
    clock.advance(Duration.ofMinutes(2));
    due.run();
    assertThat(
            Duration.between(lastQuery(abandoned.get(0)), due.nextPaymentCheck(abandoned.get(0))))
        .isBetween(Duration.ofSeconds(239), Duration.ofSeconds(245));
  }

  @Test
  void aRefundStillProcessingAtAlipayStaysPendingAndReservedUntilItCompletes() {
    String outTradeNo = paidPayment("10.00");
    java.math.BigDecimal before = buyerBalance();
    String refunds = "/api/v1/payments/" + outTradeNo + "/refunds";
    // Alipay takes the refund (fund_change=N) and completes it ten minutes later; meanwhile its
    // refund query finds nothing. The completion's notify is lost too.
    fault(
        "{\"gateway\":[{\"kind\":\"refund_processing\",\"delay_seconds\":600,\"count\":1}],"
            + "\"notify\":[{\"kind\":\"drop\"}]}");
    Reply taken = api("POST", refunds, Map.of("refund_amount", "6.00", "out_request_no", "RP1"));
    assertThat(taken.status()).isEqualTo(202);
    assertThat(taken.json().get("status").asString()).isEqualTo("PENDING");
    // Its amount stays reserved.
    assertThat(api("POST", refunds, Map.of("refund_amount", "4.01")).status()).isEqualTo(422);

    // The janitor's checks while Alipay is still at it: nothing found, sent again under the same
    // number (answered fund_change=N again), still PENDING — never FAILED.
    for (int i = 0; i < 3; i++) {
      clock.advance(Duration.ofMinutes(2));
      due.run();
      assertThat(refund(outTradeNo, "RP1").get("status").asString()).isEqualTo("PENDING");
    }
    advanceSandbox(Duration.ofMinutes(11));
    clock.advance(Duration.ofMinutes(30));
    due.run();

    assertThat(refund(outTradeNo, "RP1").get("status").asString()).isEqualTo("SUCCEEDED");
    JsonNode payment = payment(outTradeNo);
    assertThat(payment.get("refunded_amount").asString()).isEqualTo("6.00");
    assertThat(payment.get("status").asString()).isEqualTo("PARTIALLY_REFUNDED");
    // Alipay paid it back once, whatever was sent again.
    assertThat(buyerBalance().subtract(before)).isEqualByComparingTo("6.00");
    assertThat(api("POST", refunds, Map.of("refund_amount", "4.01")).status()).isEqualTo(422);
  }

  @Test
  void aRefundRequestThatNeverReachedAlipayIsSentAgainUnderItsOwnNumber() {
    String outTradeNo = paidPayment("10.00");
    java.math.BigDecimal before = buyerBalance();
    fault(
        "{\"gateway\":[{\"kind\":\"lost\",\"methods\":[\"alipay.trade.refund\"],"
            + "\"hold_seconds\":2,\"count\":1}]}");
    Reply lost = refundPayment(outTradeNo, "2.50", "RL1");
    assertThat(lost.status()).isEqualTo(202);

    clock.advance(Duration.ofSeconds(11));
    due.run();

    assertThat(refund(outTradeNo, "RL1").get("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(payment(outTradeNo).get("refunded_amount").asString()).isEqualTo("2.50");
    assertThat(buyerBalance().subtract(before)).isEqualByComparingTo("2.50");
  }

  @Test
  void aBuyerOfAnOpenIdModeAppIsBookedThroughTheWholeFlow() {
    String app = appId();
    setOpenIdMode(app, true);
    try {
      String outTradeNo = paidPayment("5.00");
      assertThat(payment(outTradeNo).get("status").asString()).isEqualTo("PAID");
      String buyer =
          jdbc.sql("SELECT buyer_id FROM payments WHERE out_trade_no = ?")
              .param(outTradeNo)
              .query(String.class)
              .single();
      assertThat(buyer).hasSizeGreaterThan(32).doesNotStartWith("2088");
      // The same through a trade query (a lost notify).
      fault("{\"notify\":[{\"kind\":\"drop\",\"count\":1}]}");
      String synced = createPayment("6.00", "page");
      openCashier(synced);
      payAsBuyer(synced);
      assertThat(
              api("GET", "/api/v1/payments/" + synced + "?sync=true", null)
                  .json()
                  .get("status")
                  .asString())
          .isEqualTo("PAID");
    } finally {
      setOpenIdMode(app, false);
    }
  }

  @Test
  void aRefundMadeAtAlipaysConsoleIsBookedFromItsNotify() {
    String outTradeNo = paidPayment("10.00");
    String tradeNo = payment(outTradeNo).get("trade_no").asString();
    Reply console =
        postJson(
            "/sandbox/api/trades/" + tradeNo + "/console-refunds", Map.of("refund_amount", "3.00"));
    assertThat(console.status()).isEqualTo(201);
    String outBizNo = console.json().get("out_biz_no").asString();

    JsonNode payment = payment(outTradeNo);
    assertThat(payment.get("refunded_amount").asString()).isEqualTo("3.00");
    assertThat(payment.get("status").asString()).isEqualTo("PARTIALLY_REFUNDED");
    JsonNode booked = refund(outTradeNo, outBizNo);
    assertThat(booked.get("origin").asString()).isEqualTo("ALIPAY");
    assertThat(booked.get("refund_amount").asString()).isEqualTo("3.00");

    // What is left is still ours to refund, and no more.
    String refunds = "/api/v1/payments/" + outTradeNo + "/refunds";
    assertThat(api("POST", refunds, Map.of("refund_amount", "7.01")).status()).isEqualTo(422);
    assertThat(api("POST", refunds, Map.of("refund_amount", "7.00")).status()).isEqualTo(201);
    assertThat(payment(outTradeNo).get("status").asString()).isEqualTo("REFUNDED");
  }

  @Test
  void aConsoleRefundBookedWhileOursIsPendingLeavesNothingToRefundAndSaysSoNeverA500() {
    String outTradeNo = paidPayment("10.00");
    String tradeNo = payment(outTradeNo).get("trade_no").asString();
    fault(
        "{\"gateway\":[{\"kind\":\"system_error\",\"methods\":[\"alipay.trade.refund\"],"
            + "\"count\":1}]}");
    String refunds = "/api/v1/payments/" + outTradeNo + "/refunds";
    assertThat(api("POST", refunds, Map.of("refund_amount", "6.00")).status()).isEqualTo(202);
    // 5.00 given back in the merchant console meanwhile, booked from its notify: with ours still
    // pending, 11.00 is held of 10.00 until Alipay refuses ours.
    assertThat(
            postJson(
                    "/sandbox/api/trades/" + tradeNo + "/console-refunds",
                    Map.of("refund_amount", "5.00"))
                .status())
        .isEqualTo(201);
    assertThat(payment(outTradeNo).get("refunded_amount").asString()).isEqualTo("5.00");

    Reply more = api("POST", refunds, Map.of("refund_amount", "1.00"));

    assertThat(more.status()).isEqualTo(422);
    assertThat(more.json().get("code").asString()).isEqualTo("REFUND_EXCEEDS_AVAILABLE");
    assertThat(more.json().get("detail").asString()).contains("at most 0.00");
  }

  @Test
  void aFullRefundAtAlipaysConsoleOfAPaymentWhosePaidNotifyWasLostIsARefundNeverAClose() {
    String outTradeNo = createPayment("8.00", "wap");
    openCashier(outTradeNo);
    fault("{\"notify\":[{\"kind\":\"drop\",\"count\":1}]}");
    String tradeNo = payAsBuyer(outTradeNo).json().get("trade_no").asString();
    assertThat(payment(outTradeNo).get("status").asString()).isEqualTo("PENDING");

    // Refunded in full in the merchant console: a wap trade notifies its TRADE_CLOSED, with the
    // refund fields; its own amount is asked for by its number.
    Reply console =
        postJson(
            "/sandbox/api/trades/" + tradeNo + "/console-refunds", Map.of("refund_amount", "8.00"));
    assertThat(console.status()).isEqualTo(201);

    JsonNode payment = payment(outTradeNo);
    assertThat(payment.get("status").asString()).isEqualTo("REFUNDED");
    assertThat(payment.get("refunded_amount").asString()).isEqualTo("8.00");
    assertThat(payment.has("paid_at")).isTrue();
    assertThat(payment.has("closed_at")).isFalse();
    // Both booked; no success announced for money already returned.
    List<String> events = new ArrayList<>();
    api("GET", "/api/v1/events?payment=" + outTradeNo, null)
        .json()
        .get("data")
        .forEach(event -> events.add(event.get("type").asString()));
    assertThat(events).containsExactlyInAnyOrder("refund.succeeded", "payment.refunded");
  }

  private void setOpenIdMode(String app, boolean on) {
    Reply reply =
        send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(base() + "/sandbox/api/apps/" + app + "/openid_mode"))
                .header("Content-Type", "application/json")
                .PUT(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"openid_mode\":" + on + "}"))
                .build());
    assertThat(reply.status()).isEqualTo(200);
  }

  private void advanceSandbox(Duration by) {
    assertThat(postJson("/sandbox/api/clock/advance", Map.of("seconds", by.toSeconds())).status())
        .isEqualTo(200);
  }

  /** When the payment's latest trade query was made (on the server's clock). */
  private Instant lastQuery(String outTradeNo) {
    return jdbc.sql(
            "SELECT MAX(occurred_at) AS last_at FROM exchanges WHERE out_trade_no = ?"
                + " AND operation = 'queryTrade'")
        .param(outTradeNo)
        .query((row, i) -> Times.read(row, "last_at"))
        .single();
  }

  private java.time.OffsetDateTime now() {
    return Times.column(clock.instant());
  }
}
