package io.paygate.server.payments;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.server.recovery.HeldAnswersServerTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A face-to-face cancel whose answer Alipay never gave (it may have refunded the buyer) is never a
 * 5xx: 202 with the payment to poll, the cancel in flight until the janitor's re-send or the shop's
 * retry with its Idempotency-Key hears Alipay's answer; and a cancel that refunded a charge PayGate
 * had not seen is booked as paid, then refunded. Alipay's own books (its refunds table, the buyer's
 * balance) prove the buyer was charged once and given it back once.
 */
class CancelInFlightTest extends HeldAnswersServerTest {

  private Reply charge(String subject, String amount) {
    return post(
        "/api/v1/payments",
        UUID.randomUUID().toString(),
        "{\"total_amount\":\""
            + amount
            + "\",\"subject\":\""
            + subject
            + "\",\"product\":\"barcode\",\"auth_code\":\""
            + defaultBuyer().get("auth_code").asString()
            + "\"}");
  }

  /** A barcode payment the default buyer paid at once. */
  private String paidBarcode(String amount) {
    Reply paid = charge("收银台 Counter", amount);
    assertThat(paid.status()).as(paid.body()).isEqualTo(201);
    assertThat(paid.json().get("status").asString()).isEqualTo("PAID");
    return paid.json().get("out_trade_no").asString();
  }

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

  /** The refunds PayGate booked for the payment, each as "out_request_no amount status". */
  private List<String> refunds(String outTradeNo) {
    List<String> rows = new ArrayList<>();
    for (JsonNode refund : api("GET", "/api/v1/payments/" + outTradeNo + "/refunds", null).json()) {
      rows.add(
          refund.get("out_request_no").asString()
              + " "
              + refund.get("refund_amount").asString()
              + " "
              + refund.get("status").asString());
    }
    return rows;
  }

  private static final String CANCEL_ANSWER_LOST =
      "{\"gateway\":[{\"kind\":\"timeout\",\"methods\":[\"alipay.trade.cancel\"],"
          + "\"hold_seconds\":2,\"count\":1}],\"notify\":[{\"kind\":\"drop\",\"count\":5}]}";

  @Test
  void aCancelWhoseAnswerIsLostAnswers202AndTheJanitorBooksTheRefundOnce() {
    BigDecimal before = buyerBalance();
    String outTradeNo = paidBarcode("4.40");
    // Alipay cancels (refunding the buyer), then its answer is held past PayGate's read timeout.
    fault(CANCEL_ANSWER_LOST);

    Reply inFlight =
        post("/api/v1/payments/" + outTradeNo + "/cancel", UUID.randomUUID().toString(), "");

    assertThat(inFlight.status()).as(inFlight.body()).isEqualTo(202);
    assertThat(inFlight.header("Location")).isEqualTo("/api/v1/payments/" + outTradeNo);
    assertThat(inFlight.json().has("action")).isFalse();
    assertThat(inFlight.json().get("payment").get("status").asString()).isEqualTo("PAID");
    assertThat(buyerBalance()).isEqualByComparingTo(before); // Alipay has given it back
    assertThat(due.nextCancelResend(outTradeNo)).as("the cancel is in flight").isNotNull();

    clock.advance(Duration.ofSeconds(61));
    due.run();

    JsonNode after = payment(outTradeNo);
    assertThat(after.get("status").asString()).isEqualTo("REFUNDED");
    assertThat(after.get("refunded_amount").asString()).isEqualTo("4.40");
    assertThat(refunds(outTradeNo)).containsExactly(outTradeNo + " 4.40 SUCCEEDED");
    assertThat(eventsOldestFirst(outTradeNo)).contains("payment.refunded");
    assertThat(due.nextCancelResend(outTradeNo)).as("answered: no longer in flight").isNull();
    // Charged once, given back once.
    assertThat(alipayRefunds(outTradeNo)).isEqualTo(1);
    assertThat(refundedAtAlipay(outTradeNo)).isEqualByComparingTo("4.40");
    assertThat(buyerBalance()).isEqualByComparingTo(before);
  }

  @Test
  void theSameCancelRetriedWithItsKeyResumesItAndRefundsNothingMore() {
    BigDecimal before = buyerBalance();
    String outTradeNo = paidBarcode("3.30");
    String path = "/api/v1/payments/" + outTradeNo + "/cancel";
    String key = UUID.randomUUID().toString();
    fault(CANCEL_ANSWER_LOST);

    Reply inFlight = post(path, key, "");
    assertThat(inFlight.status()).as(inFlight.body()).isEqualTo(202);

    Reply retried = post(path, key, "");
    assertThat(retried.status()).as(retried.body()).isEqualTo(200);
    assertThat(retried.header("Idempotent-Replayed")).isNull();
    assertThat(retried.json().get("action").asString()).isEqualTo("refund");
    assertThat(retried.json().get("payment").get("status").asString()).isEqualTo("REFUNDED");
    // Final now: kept and replayed.
    Reply replayed = post(path, key, "");
    assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(replayed.body()).isEqualTo(retried.body());

    assertThat(refunds(outTradeNo)).containsExactly(outTradeNo + " 3.30 SUCCEEDED");
    assertThat(alipayRefunds(outTradeNo)).isEqualTo(1);
    assertThat(refundedAtAlipay(outTradeNo)).isEqualByComparingTo("3.30");
    assertThat(buyerBalance()).isEqualByComparingTo(before);
  }

  @Test
  void aChargeThatQueriesNeverSawIsBookedPaidThenRefundedWhenTheJanitorsCancelRefundsIt() {
    BigDecimal before = buyerBalance();
    // Alipay charges the buyer, its answer lost; no query of the trade or refund answers; the
    // request's own cancel goes unanswered (and is not made); no notify arrives.
    fault(
        "{\"gateway\":[{\"kind\":\"timeout\",\"methods\":[\"alipay.trade.pay\"],"
            + "\"hold_seconds\":2,\"count\":1},"
            + "{\"kind\":\"unavailable\",\"methods\":[\"alipay.trade.query\","
            + "\"alipay.trade.fastpay.refund.query\"],\"share\":1.0},"
            + "{\"kind\":\"unavailable\",\"methods\":[\"alipay.trade.cancel\"],\"count\":1}],"
            + "\"notify\":[{\"kind\":\"drop\",\"count\":5}]}");
    Reply unknown = charge("付款码 " + UUID.randomUUID(), "5.55");
    assertThat(unknown.status()).as(unknown.body()).isEqualTo(202);
    String outTradeNo = unknown.json().get("out_trade_no").asString();
    assertThat(before.subtract(buyerBalance())).isEqualByComparingTo("5.55");

    // Past the barcode wait and its grace, the janitor cancels; Alipay answers action=refund.
    clock.advance(Duration.ofMinutes(3));
    due.run();

    JsonNode after = payment(outTradeNo);
    assertThat(after.get("status").asString()).isEqualTo("REFUNDED");
    assertThat(after.get("refunded_amount").asString()).isEqualTo("5.55");
    assertThat(after.get("paid_at")).isNotNull();
    assertThat(refunds(outTradeNo)).containsExactly(outTradeNo + " 5.55 SUCCEEDED");
    // Money already returned is never announced as a success the shop would fulfil.
    assertThat(eventsOldestFirst(outTradeNo))
        .contains("payment.refunded")
        .doesNotContain("payment.succeeded");
    assertThat(alipayRefunds(outTradeNo)).isEqualTo(1);
    assertThat(refundedAtAlipay(outTradeNo)).isEqualByComparingTo("5.55");
    assertThat(buyerBalance()).isEqualByComparingTo(before);
  }
}
