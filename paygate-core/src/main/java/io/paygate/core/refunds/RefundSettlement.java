package io.paygate.core.refunds;

import io.paygate.core.money.Money;
import io.paygate.core.payments.Payment;
import io.paygate.core.payments.PaymentRepository;
import io.paygate.core.payments.PaymentTransition;
import java.time.Clock;
import java.util.EnumSet;

/**
 * Settles refunds and keeps the payment's refunded amount and status in step with them. Call it
 * inside a transaction that holds the payment's row lock (hence the locked payment it takes).
 */
public final class RefundSettlement {

  private final RefundRepository refunds;
  private final PaymentRepository payments;
  private final Clock clock;

  public RefundSettlement(RefundRepository refunds, PaymentRepository payments, Clock clock) {
    this.refunds = refunds;
    this.payments = payments;
    this.clock = clock;
  }

  /**
   * The channel's word that a refund went through. It wins over an earlier FAILED, which we only
   * ever set when the channel could not find the refund.
   */
  public boolean confirm(Payment lockedPayment, String outRequestNo) {
    String outTradeNo = lockedPayment.outTradeNo();
    boolean changed =
        refunds.settle(
            outTradeNo,
            outRequestNo,
            EnumSet.of(RefundStatus.PENDING, RefundStatus.FAILED),
            RefundStatus.SUCCEEDED,
            null,
            null,
            clock.instant());
    if (changed) {
      recomputePayment(lockedPayment);
    }
    return changed;
  }

  /** The channel refused the refund, or holds none under its number: its reservation ends. */
  public boolean fail(String outTradeNo, String outRequestNo, String code, String message) {
    return refunds.settle(
        outTradeNo,
        outRequestNo,
        EnumSet.of(RefundStatus.PENDING),
        RefundStatus.FAILED,
        code,
        message,
        clock.instant());
  }

  private void recomputePayment(Payment payment) {
    String outTradeNo = payment.outTradeNo();
    Money refunded = refunds.sumSucceeded(outTradeNo);
    payments.setRefundedAmount(outTradeNo, refunded, clock.instant());
    PaymentTransition transition =
        refunded.compareTo(payment.totalAmount()) >= 0
            ? PaymentTransition.REFUND_ALL
            : PaymentTransition.REFUND_PART;
    payments.apply(outTradeNo, transition, clock.instant());
  }
}
