package io.paygate.core.refunds;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.core.channel.RefundOutcome;
import io.paygate.core.money.Money;
import io.paygate.core.payments.Attention;
import io.paygate.core.payments.Payment;
import io.paygate.core.payments.PaymentStatus;
import io.paygate.core.testing.CoreFixture;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A refund answer's refund_fee is the trade's cumulative refunded total at the moment the channel
 * made that refund. Two refunds in flight at once may be answered in the other order: a total that
 * fits an earlier moment of our books (the answered refund, what was confirmed before it was asked
 * for, and some of what was in flight with it) is no difference; a total no such moment explains
 * still is.
 */
class OutOfOrderRefundAnswersTest {

  private final CoreFixture core = new CoreFixture();
  private final Payment payment = core.paidPayment("10.00");

  private NewRefund refund(String amount, String number) {
    return new NewRefund(Money.parse(amount), "退货", number);
  }

  private RefundOutcome.Accepted refundFee(String total) {
    return new RefundOutcome.Accepted(Money.parse(total), true, core.clock.instant());
  }

  @Test
  void theFirstRefundsAnswerArrivingAfterTheSecondsIsNotAMismatch() {
    // The channel makes A (3.00) then B (4.00); B's answer (7.00) is handled first, A's (3.00)
    // after it.
    core.channel
        .nextRefund(refundFee("7.00"))
        .nextRefund(refundFee("3.00"))
        .duringNextRefund(
            () -> {
              core.clock.advance(Duration.ofSeconds(1));
              core.refundService.refund(payment.outTradeNo(), refund("4.00", "B"));
              core.clock.advance(Duration.ofSeconds(1));
            });

    Refund a = core.refundService.refund(payment.outTradeNo(), refund("3.00", "A"));

    assertThat(a.status()).isEqualTo(RefundStatus.SUCCEEDED);
    assertThat(core.refunds.get(payment.outTradeNo(), "B").status())
        .isEqualTo(RefundStatus.SUCCEEDED);
    Payment after = core.payment(payment.outTradeNo());
    assertThat(after.attention()).isNull();
    assertThat(after.refundedAmount()).isEqualTo(Money.parse("7.00"));
    assertThat(after.status()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
  }

  @Test
  void aTotalThatLeavesOutARefundConfirmedBeforeThisOneWasAskedForIsAMismatch() {
    core.channel.nextRefund(refundFee("4.00"));
    core.refundService.refund(payment.outTradeNo(), refund("4.00", "B"));
    core.clock.advance(Duration.ofMinutes(1));
    // B was done before A was asked for: A's total must hold both.
    core.channel.nextRefund(refundFee("3.00"));

    core.refundService.refund(payment.outTradeNo(), refund("3.00", "A"));

    assertThat(core.payment(payment.outTradeNo()).attention()).isEqualTo(Attention.REFUND_MISMATCH);
  }

  @Test
  void aTotalBelowTheAnsweredRefundItselfIsAMismatch() {
    core.channel
        .nextRefund(refundFee("7.00"))
        .nextRefund(refundFee("2.00"))
        .duringNextRefund(
            () -> core.refundService.refund(payment.outTradeNo(), refund("4.00", "B")));

    core.refundService.refund(payment.outTradeNo(), refund("3.00", "A"));

    assertThat(core.payment(payment.outTradeNo()).attention()).isEqualTo(Attention.REFUND_MISMATCH);
  }
}
