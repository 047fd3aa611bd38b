package io.paygate.server.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.server.recovery.HeldAnswersServerTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A payment or refund retried with one {@code Idempotency-Key} moves money exactly once, whatever
 * happened to the first run: an answer lost to a timeout, a lease that ran out while the first run
 * still waited. The proof is the sandbox's own books: the buyer's balance and its refunds table.
 */
class RetryMovesMoneyOnceTest extends HeldAnswersServerTest {

  @Autowired JdbcClient jdbc;

  /** The refunds Alipay made of a trade, as its own refunds table holds them. */
  private int alipayRefunds(String outTradeNo) {
    return alipayBooks
        .sql(
            "SELECT COUNT(*) FROM refunds r JOIN trades t ON r.trade_id = t.id"
                + " WHERE t.out_trade_no = ?")
        .param(outTradeNo)
        .query(Integer.class)
        .single();
  }

  private BigDecimal refundedAtAlipay(String outTradeNo) {
    return alipayBooks
        .sql(
            "SELECT COALESCE(SUM(r.refund_amount), 0) FROM refunds r JOIN trades t"
                + " ON r.trade_id = t.id WHERE t.out_trade_no = ?")
        .param(outTradeNo)
        .query(BigDecimal.class)
        .single();
  }

  @Test
  void aRefundWhoseAnswerTimedOutIsResumedByItsRetryUnderTheSameNumber() {
    String outTradeNo = paidPayment("8.00");
    BigDecimal before = buyerBalance();
    String path = "/api/v1/payments/" + outTradeNo + "/refunds";
    String key = UUID.randomUUID().toString();
    String body = "{\"refund_amount\":\"2.50\"}";
    // Alipay refunds, then its answer is held past PayGate's read timeout.
    fault(
        "{\"gateway\":[{\"kind\":\"timeout\",\"methods\":[\"alipay.trade.refund\"],"
            + "\"hold_seconds\":2,\"count\":1}],\"notify\":[{\"kind\":\"drop\",\"count\":5}]}");

    Reply unknown = post(path, key, body);
    assertThat(unknown.status()).as(unknown.body()).isEqualTo(202);
    String number = unknown.json().get("out_request_no").asString();
    assertThat(unknown.header("Location")).isEqualTo(path + "/" + number);

    // The shop retries with the key: the same refund, found done, not a second one.
    Reply retried = post(path, key, body);
    assertThat(retried.status()).as(retried.body()).isEqualTo(201);
    assertThat(retried.header("Idempotent-Replayed")).isNull();
    assertThat(retried.json().get("out_request_no").asString()).isEqualTo(number);
    assertThat(retried.json().get("status").asString()).isEqualTo("SUCCEEDED");
    // Final now: kept and replayed.
    Reply replayed = post(path, key, body);
    assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(replayed.body()).isEqualTo(retried.body());

    assertThat(alipayRefunds(outTradeNo)).isEqualTo(1);
    assertThat(refundedAtAlipay(outTradeNo)).isEqualByComparingTo("2.50");
    assertThat(buyerBalance().subtract(before)).isEqualByComparingTo("2.50");
    assertThat(payment(outTradeNo).get("refunded_amount").asString()).isEqualTo("2.50");
  }

  @Test
  void aRefundStillRunningWhenItsLeaseRanOutIsResumedNotSentAnew() throws Exception {
    String outTradeNo = paidPayment("9.00");
    BigDecimal before = buyerBalance();
    String path = "/api/v1/payments/" + outTradeNo + "/refunds";
    String key = UUID.randomUUID().toString();
    String body = "{\"refund_amount\":\"4.00\"}";
    // The first run's call hangs until its read timeout; meanwhile its lease runs out.
    fault(
        "{\"gateway\":[{\"kind\":\"timeout\",\"methods\":[\"alipay.trade.refund\"],"
            + "\"hold_seconds\":3,\"count\":1}],\"notify\":[{\"kind\":\"drop\",\"count\":5}]}");
    CompletableFuture<Reply> first = CompletableFuture.supplyAsync(() -> post(path, key, body));
    waitForARefundOf(outTradeNo);

    clock.advance(Duration.ofMinutes(3));
    Reply retried = post(path, key, body);
    assertThat(retried.status()).as(retried.body()).isIn(201, 202);
    String number = retried.json().get("out_request_no").asString();
    Reply firstAnswer = first.get(20, TimeUnit.SECONDS);
    assertThat(firstAnswer.json().get("out_request_no").asString()).isEqualTo(number);

    // Whatever each run heard, Alipay refunded once, under the one number.
    assertThat(alipayRefunds(outTradeNo)).isEqualTo(1);
    assertThat(refundedAtAlipay(outTradeNo)).isEqualByComparingTo("4.00");
    assertThat(buyerBalance().subtract(before)).isEqualByComparingTo("4.00");
    assertThat(api("GET", path, null).json()).hasSize(1);
  }

  private static String barcode(String subject, String amount, String authCode) {
    return "{\"total_amount\":\""
        + amount
        + "\",\"subject\":\""
        + subject
        + "\",\"product\":\"barcode\",\"auth_code\":\""
        + authCode
        + "\"}";
  }

  /** The trades Alipay holds for the shop's subject (one per out_trade_no it was sent). */
  private int alipayTrades(String subject) {
    return alipayBooks
        .sql("SELECT COUNT(*) FROM trades WHERE subject = ?")
        .param(subject)
        .query(Integer.class)
        .single();
  }

  private int paymentsWithSubject(String subject) {
    return jdbc.sql("SELECT COUNT(*) FROM payments WHERE subject = ?")
        .param(subject)
        .query(Integer.class)
        .single();
  }

  @Test
  void aBarcodeChargeWhoseAnswersWereLostIsPendingThenResumedByItsRetryAndPaidOnce() {
    String subject = "付款码 " + UUID.randomUUID();
    String key = UUID.randomUUID().toString();
    String body = barcode(subject, "7.77", defaultBuyer().get("auth_code").asString());
    BigDecimal before = buyerBalance();
    // Alipay charges the buyer, but its answer is held past PayGate's read timeout; the queries
    // and the cancel that follow go unanswered; the notify is late.
    fault(
        "{\"gateway\":[{\"kind\":\"timeout\",\"methods\":[\"alipay.trade.pay\"],"
            + "\"hold_seconds\":2,\"count\":1},"
            + "{\"kind\":\"unavailable\",\"methods\":[\"alipay.trade.query\","
            + "\"alipay.trade.cancel\"],\"share\":1.0}],"
            + "\"notify\":[{\"kind\":\"drop\",\"count\":5}]}");

    Reply unknown = post("/api/v1/payments", key, body);
    assertThat(unknown.status()).as(unknown.body()).isEqualTo(202);
    assertThat(unknown.json().get("status").asString()).isEqualTo("PENDING");
    String outTradeNo = unknown.json().get("out_trade_no").asString();
    assertThat(unknown.header("Location")).isEqualTo("/api/v1/payments/" + outTradeNo);
    assertThat(before.subtract(buyerBalance())).isEqualByComparingTo("7.77");

    // Alipay answers again; the shop retries the very same request with its key.
    clearSandboxFaults();
    Reply retried = post("/api/v1/payments", key, body);
    assertThat(retried.status()).as(retried.body()).isEqualTo(201);
    assertThat(retried.json().get("out_trade_no").asString()).isEqualTo(outTradeNo);
    assertThat(retried.json().get("status").asString()).isEqualTo("PAID");

    assertThat(before.subtract(buyerBalance())).isEqualByComparingTo("7.77");
    assertThat(alipayTrades(subject)).isEqualTo(1);
    assertThat(paymentsWithSubject(subject)).isEqualTo(1);
  }

  @Test
  void aBarcodeChargeStillRunningWhenItsLeaseRanOutIsResumedUnderItsNumber() throws Exception {
    String subject = "付款码 " + UUID.randomUUID();
    String key = UUID.randomUUID().toString();
    String body = barcode(subject, "6.66", defaultBuyer().get("auth_code").asString());
    BigDecimal before = buyerBalance();
    fault(
        "{\"gateway\":[{\"kind\":\"timeout\",\"methods\":[\"alipay.trade.pay\"],"
            + "\"hold_seconds\":2,\"count\":1}]}");
    CompletableFuture<Reply> first =
        CompletableFuture.supplyAsync(() -> post("/api/v1/payments", key, body));
    waitForAPaymentWith(subject);

    clock.advance(Duration.ofMinutes(3));
    Reply retried = post("/api/v1/payments", key, body);
    assertThat(retried.status()).as(retried.body()).isEqualTo(201);
    assertThat(retried.json().get("status").asString()).isEqualTo("PAID");
    Reply firstAnswer = first.get(20, TimeUnit.SECONDS);
    assertThat(firstAnswer.json().get("out_trade_no").asString())
        .isEqualTo(retried.json().get("out_trade_no").asString());

    assertThat(before.subtract(buyerBalance())).isEqualByComparingTo("6.66");
    assertThat(alipayTrades(subject)).isEqualTo(1);
    assertThat(paymentsWithSubject(subject)).isEqualTo(1);
  }

  @Test
  void aPendingBarcodePaymentIsSettledByTheJanitor() {
    String subject = "付款码 " + UUID.randomUUID();
    BigDecimal before = buyerBalance();
    fault(
        "{\"gateway\":[{\"kind\":\"timeout\",\"methods\":[\"alipay.trade.pay\"],"
            + "\"hold_seconds\":2,\"count\":1},"
            + "{\"kind\":\"unavailable\",\"methods\":[\"alipay.trade.query\","
            + "\"alipay.trade.cancel\"],\"share\":1.0}],"
            + "\"notify\":[{\"kind\":\"drop\",\"count\":5}]}");
    Reply unknown =
        post(
            "/api/v1/payments",
            UUID.randomUUID().toString(),
            barcode(subject, "5.55", defaultBuyer().get("auth_code").asString()));
    assertThat(unknown.status()).as(unknown.body()).isEqualTo(202);
    String outTradeNo = unknown.json().get("out_trade_no").asString();
    assertThat(due.nextPaymentCheck(outTradeNo)).as("a recovery row").isNotNull();

    clearSandboxFaults();
    clock.advance(Duration.ofSeconds(61));
    due.run();
    assertThat(payment(outTradeNo).get("status").asString()).isEqualTo("PAID");
    assertThat(before.subtract(buyerBalance())).isEqualByComparingTo("5.55");
  }

  private void waitForAPaymentWith(String subject) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (paymentsWithSubject(subject) > 0) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the first run stored no payment");
  }

  /** Until the first run has stored its refund (it is then calling Alipay). */
  private void waitForARefundOf(String outTradeNo) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      int stored =
          jdbc.sql("SELECT COUNT(*) FROM refunds WHERE out_trade_no = ?")
              .param(outTradeNo)
              .query(Integer.class)
              .single();
      if (stored > 0) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the first run stored no refund");
  }
}
