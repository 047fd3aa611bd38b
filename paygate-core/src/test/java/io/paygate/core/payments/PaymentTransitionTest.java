package io.paygate.core.payments;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PaymentTransitionTest {

  @Test
  void onlyPendingPaymentsClose() {
    for (PaymentStatus status : PaymentStatus.values()) {
      assertThat(PaymentTransition.CLOSE.canStartFrom(status))
          .as(status.name())
          .isEqualTo(status == PaymentStatus.PENDING);
    }
  }

  @Test
  void aConfirmedPaymentIsPaidEvenAfterALocalClose() {
    assertThat(PaymentTransition.CONFIRM_PAID.canStartFrom(PaymentStatus.PENDING)).isTrue();
    assertThat(PaymentTransition.CONFIRM_PAID.canStartFrom(PaymentStatus.CLOSED)).isTrue();
    // Confirming twice changes nothing: a paid payment is not a starting point.
    assertThat(PaymentTransition.CONFIRM_PAID.canStartFrom(PaymentStatus.PAID)).isFalse();
    assertThat(PaymentTransition.CONFIRM_PAID.canStartFrom(PaymentStatus.REFUNDED)).isFalse();
  }

  @Test
  void onlyAPendingPaymentFailsAndMoneyThatStillArrivesIsBooked() {
    for (PaymentStatus status : PaymentStatus.values()) {
      assertThat(PaymentTransition.FAIL.canStartFrom(status))
          .as(status.name())
          .isEqualTo(status == PaymentStatus.PENDING);
    }
    assertThat(PaymentTransition.CONFIRM_PAID.canStartFrom(PaymentStatus.FAILED)).isTrue();
    assertThat(PaymentTransition.REFUND_PART.canStartFrom(PaymentStatus.FAILED)).isFalse();
  }

  @Test
  void onlyPaidMoneyIsRefunded() {
    assertThat(PaymentTransition.REFUND_PART.from())
        .containsExactlyInAnyOrder(PaymentStatus.PAID, PaymentStatus.PARTIALLY_REFUNDED);
    assertThat(PaymentTransition.REFUND_ALL.to()).isEqualTo(PaymentStatus.REFUNDED);
    assertThat(PaymentTransition.REFUND_ALL.canStartFrom(PaymentStatus.REFUNDED)).isFalse();
  }
}
