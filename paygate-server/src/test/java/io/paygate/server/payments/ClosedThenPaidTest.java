package io.paygate.server.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paygate.server.recovery.HeldAnswersServerTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.IllegalTransactionStateException;
import tools.jackson.databind.JsonNode;

/**
 * A payment closed while Alipay had no trade yet (the buyer had loaded the pay page but not opened
 * the cashier) can still be paid through that page until its expiry, as on real Alipay. The shop
 * was told the order is cancelled: the money is booked, flagged and, by default, given back.
 */
class ClosedThenPaidTest extends HeldAnswersServerTest {

  @Autowired JdbcPaymentRepository repository;

  private JsonNode refunds(String outTradeNo) {
    return api("GET", "/api/v1/payments/" + outTradeNo + "/refunds", null).json();
  }

  /** The buyer loads the pay page, the shop closes the order, then the buyer pays anyway. */
  private String closedThenPaid() {
    String outTradeNo = createPayment("8.00", "page");
    Reply page = loadPayPage(outTradeNo);
    Reply closed = api("POST", "/api/v1/payments/" + outTradeNo + "/close", null);
    assertThat(closed.status()).isEqualTo(200);
    assertThat(closed.json().get("status").asString()).isEqualTo("CLOSED");
    submitPayForm(page);
    assertThat(payAsBuyer(outTradeNo).status()).isEqualTo(200);
    return outTradeNo;
  }

  @Test
  void aCloseIsAnnouncedOnceWithThePaymentAsClosed() {
    String outTradeNo = createPayment("3.00", "page");
    assertThat(api("POST", "/api/v1/payments/" + outTradeNo + "/close", null).status())
        .isEqualTo(200);
    api("POST", "/api/v1/payments/" + outTradeNo + "/close", null);

    assertThat(eventsOldestFirst(outTradeNo)).containsExactly("payment.closed");
  }

  @Test
  void aChangeTriedOutsideATransactionIsRefusedBeforeItChangesAnything() {
    String outTradeNo = createPayment("3.00", "page");

    // Its event could not commit with it: the repository will not make it at all.
    assertThatThrownBy(
            () ->
                repository.apply(
                    repository.find(outTradeNo).orElseThrow(),
                    io.paygate.core.payments.PaymentTransition.CLOSE,
                    clock.instant()))
        .isInstanceOf(IllegalTransactionStateException.class);

    assertThat(payment(outTradeNo).get("status").asString()).isEqualTo("PENDING");
    assertThat(eventsOldestFirst(outTradeNo)).isEmpty();
  }

  @Test
  void moneyPaidAfterTheCloseIsBookedFlaggedAndRefundedInFull() {
    java.math.BigDecimal before = buyerBalance();
    String outTradeNo = closedThenPaid();
    assertThat(before.subtract(buyerBalance())).isEqualByComparingTo("8.00");

    JsonNode paid = payment(outTradeNo);
    assertThat(paid.get("status").asString()).isEqualTo("PAID");
    assertThat(paid.get("attention").asString()).isEqualTo("PAID_AFTER_CLOSE");
    assertThat(refunds(outTradeNo).get(0).get("status").asString()).isEqualTo("PENDING");

    due.run();

    JsonNode refunded = payment(outTradeNo);
    assertThat(refunded.get("status").asString()).isEqualTo("REFUNDED");
    assertThat(refunded.get("refunded_amount").asString()).isEqualTo("8.00");
    assertThat(refunded.get("attention").asString()).isEqualTo("PAID_AFTER_CLOSE");
    JsonNode refund = refunds(outTradeNo).get(0);
    assertThat(refund.get("out_request_no").asString()).isEqualTo("PAID_AFTER_CLOSE");
    assertThat(refund.get("status").asString()).isEqualTo("SUCCEEDED");
    // The buyer has the money back, once.
    assertThat(buyerBalance()).isEqualByComparingTo(before);
    // The shop, told the order was closed, is never told it succeeded: it would ship the goods.
    assertThat(eventsOldestFirst(outTradeNo))
        .containsExactlyInAnyOrder(
            "payment.closed", "payment.needs_attention", "refund.succeeded", "payment.refunded");
  }

  @Test
  void whenTheNotifyIsLostTheWatchOnTheClosedPaymentFindsTheMoney() {
    fault("{\"notify\":[{\"kind\":\"drop\"}]}");
    String outTradeNo = closedThenPaid();
    assertThat(payment(outTradeNo).get("status").asString()).isEqualTo("CLOSED");

    // Closed payments stay watched until their expiry has passed.
    clock.advance(Duration.ofSeconds(61));
    due.run();

    JsonNode payment = payment(outTradeNo);
    assertThat(payment.get("attention").asString()).isEqualTo("PAID_AFTER_CLOSE");
    assertThat(payment.get("status").asString()).isEqualTo("REFUNDED");
    assertThat(refunds(outTradeNo).size()).isEqualTo(1);
    assertThat(eventsOldestFirst(outTradeNo))
        .doesNotContain("payment.succeeded")
        .contains("payment.refunded");
  }

  @Test
  void aClosedPaymentIsWatchedOnlyUntilItsExpiryHasPassed() {
    String outTradeNo = createPayment("3.00", "page");
    api("POST", "/api/v1/payments/" + outTradeNo + "/close", null);
    assertThat(due.nextPaymentCheck(outTradeNo)).isNotNull();

    clock.advance(Duration.ofHours(3));
    due.run();
    assertThat(due.nextPaymentCheck(outTradeNo)).isNull();
    assertThat(payment(outTradeNo).get("status").asString()).isEqualTo("CLOSED");
  }
}
