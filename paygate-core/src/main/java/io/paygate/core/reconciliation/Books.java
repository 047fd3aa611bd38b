package io.paygate.core.reconciliation;

import io.paygate.core.money.Money;
import io.paygate.core.payments.Payment;
import io.paygate.core.payments.PaymentStatus;
import io.paygate.core.refunds.Refund;
import io.paygate.core.refunds.RefundStatus;
import java.time.Instant;
import java.util.List;

/**
 * Port: our books over a bill's window, as reconciliation reads them. Only what is compared is
 * read: a busy day is many rows.
 */
public interface Books {

  /** What a bill's payment line is compared with. */
  record BookedPayment(String outTradeNo, String tradeNo, PaymentStatus status, Money totalAmount) {

    public static BookedPayment of(Payment payment) {
      return new BookedPayment(
          payment.outTradeNo(), payment.tradeNo(), payment.status(), payment.totalAmount());
    }

    boolean isPaid() {
      return PaymentStatus.PAID_STATUSES.contains(status);
    }
  }

  /**
   * What a bill's refund line is compared with.
   *
   * @param tradeNo the payment's trade number at the channel, or null
   */
  record BookedRefund(
      String outTradeNo,
      String outRequestNo,
      String tradeNo,
      RefundStatus status,
      Money refundAmount) {

    public static BookedRefund of(Refund refund, String tradeNo) {
      return new BookedRefund(
          refund.outTradeNo(),
          refund.outRequestNo(),
          tradeNo,
          refund.status(),
          refund.refundAmount());
    }
  }

  /**
   * The channel's app's payments we hold as paid (refunded ones too) with paid_at in [from, to).
   * Two channels may each have an app of the same name: a bill is one channel's.
   */
  List<BookedPayment> paidBetween(String channel, String app, Instant from, Instant to);

  /**
   * Refunds of the channel's app's payments we hold as SUCCEEDED with refunded_at in [from, to).
   */
  List<BookedRefund> refundedBetween(String channel, String app, Instant from, Instant to);
}
