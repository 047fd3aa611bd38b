package io.paygate.core.payments;

import io.paygate.core.channel.ChannelTrade;
import io.paygate.core.channel.TradeState;
import io.paygate.core.money.Money;
import io.paygate.core.recovery.CheckSchedule;
import io.paygate.core.refunds.Refund;
import io.paygate.core.refunds.RefundOrigin;
import io.paygate.core.refunds.RefundRepository;
import io.paygate.core.refunds.RefundStatus;
import java.time.Instant;

/**
 * Applies what the channel says about a trade to the stored payment, from a query or a notification
 * alike. The channel's word is trusted only when it matches what was asked: the same out_trade_no
 * and the same amount. Call it inside a transaction holding the payment's row lock.
 */
public final class TradeReconciler {

  /** The deterministic number of the refund PayGate makes for money paid after a close. */
  public static final String PAID_AFTER_CLOSE_REFUND_NO = "PAID_AFTER_CLOSE";

  static final String PAID_AFTER_CLOSE_REASON =
      "订单关闭后才付款，自动全额退款 Paid after the payment was closed: refunded in full";

  /** What reconciling did. */
  public sealed interface Result {
    record Changed(PaymentStatus status) implements Result {}

    record Unchanged() implements Result {}

    record Mismatch(String reason) implements Result {}
  }

  private final PaymentRepository payments;
  private final RefundRepository refunds;
  private final CheckSchedule checks;
  private final PaidAfterClose paidAfterClose;

  public TradeReconciler(
      PaymentRepository payments,
      RefundRepository refunds,
      CheckSchedule checks,
      PaidAfterClose paidAfterClose) {
    this.payments = payments;
    this.refunds = refunds;
    this.checks = checks;
    this.paidAfterClose = paidAfterClose;
  }

  /**
   * @param refundedTotal the channel's cumulative refunded amount when the source carries it, else
   *     null; a trade closed with refunds was paid first
   */
  public Result apply(Payment payment, ChannelTrade trade, Money refundedTotal, Instant now) {
    if (trade.outTradeNo() != null && !trade.outTradeNo().equals(payment.outTradeNo())) {
      return new Result.Mismatch("out_trade_no differs from the payment's");
    }
    if (trade.totalAmount() != null && trade.totalAmount().compareTo(payment.totalAmount()) != 0) {
      // Real money may have moved for another amount: nothing is booked, an operator looks.
      payments.setAttention(payment.outTradeNo(), Attention.AMOUNT_MISMATCH, now);
      return new Result.Mismatch(
          "total_amount " + trade.totalAmount() + " differs from " + payment.totalAmount());
    }
    if (trade.tradeNo() != null
        && payments
            .findByTradeNo(trade.tradeNo())
            .filter(other -> !other.outTradeNo().equals(payment.outTradeNo()))
            .isPresent()) {
      return new Result.Mismatch("trade_no belongs to another payment");
    }
    if (wasPaid(trade, refundedTotal)) {
      if (!payments.markPaid(payment.outTradeNo(), trade, now)) {
        return new Result.Unchanged();
      }
      if (payment.status() == PaymentStatus.CLOSED) {
        paidAfterClose(payment, refundedTotal, now);
      }
      return new Result.Changed(PaymentStatus.PAID);
    }
    if (trade.status() == TradeState.CLOSED && payment.paidAt() == null) {
      return payments.apply(payment.outTradeNo(), PaymentTransition.CLOSE, now)
          ? new Result.Changed(PaymentStatus.CLOSED)
          : new Result.Unchanged();
    }
    // WAIT_BUYER_PAY, or TRADE_CLOSED after refunds of a payment we know is paid.
    return new Result.Unchanged();
  }

  /** Paid, or closed after a payment (a full refund closes the trade: still money that came in). */
  private static boolean wasPaid(ChannelTrade trade, Money refundedTotal) {
    if (trade.status().isPaid()) {
      return true;
    }
    return trade.status() == TradeState.CLOSED
        && (trade.paidAt() != null
            || (refundedTotal != null && refundedTotal.isGreaterThan(Money.ZERO)));
  }

  /**
   * The shop was told the order is cancelled, yet the buyer paid: book the money, flag it, and by
   * default give it back under a number that cannot be used twice.
   */
  private void paidAfterClose(Payment payment, Money refundedTotal, Instant now) {
    payments.setAttention(payment.outTradeNo(), Attention.PAID_AFTER_CLOSE, now);
    if (paidAfterClose != PaidAfterClose.REFUND
        || refunds.find(payment.outTradeNo(), PAID_AFTER_CLOSE_REFUND_NO).isPresent()) {
      return;
    }
    // What the channel says it already gave back (a refund in its console) is not sent again.
    Money rest =
        refundedTotal == null ? payment.totalAmount() : payment.totalAmount().minus(refundedTotal);
    if (rest.isGreaterThan(Money.ZERO)) {
      giveBack(payment.outTradeNo(), PAID_AFTER_CLOSE_REFUND_NO, rest, now);
    }
  }

  /**
   * After an automatic refund of money paid after a close was refused (most often because part of
   * it was refunded at the channel meanwhile), gives back what is left under a new number; at most
   * {@link #MAX_PAID_AFTER_CLOSE_REFUNDS} tries, then it stays flagged for an operator. Call it
   * with the payment's row lock held.
   *
   * @return true when a refund was planned
   */
  public boolean giveBackTheRest(Payment locked, Instant now) {
    if (paidAfterClose != PaidAfterClose.REFUND
        || locked.attention() != Attention.PAID_AFTER_CLOSE
        || !locked.isPaid()) {
      return false;
    }
    var ofThisPayment = refunds.findByPayment(locked.outTradeNo());
    if (ofThisPayment.stream().anyMatch(r -> r.status() == RefundStatus.PENDING)) {
      return false;
    }
    long tries =
        ofThisPayment.stream()
            .filter(r -> r.outRequestNo().startsWith(PAID_AFTER_CLOSE_REFUND_NO))
            .count();
    Money rest = locked.totalAmount().minus(refunds.sumReserved(locked.outTradeNo()));
    if (tries >= MAX_PAID_AFTER_CLOSE_REFUNDS || !rest.isGreaterThan(Money.ZERO)) {
      return false;
    }
    giveBack(locked.outTradeNo(), PAID_AFTER_CLOSE_REFUND_NO + "_" + (tries + 1), rest, now);
    return true;
  }

  static final int MAX_PAID_AFTER_CLOSE_REFUNDS = 5;

  private void giveBack(String outTradeNo, String outRequestNo, Money amount, Instant now) {
    refunds.insert(
        new Refund(
            outTradeNo,
            outRequestNo,
            amount,
            PAID_AFTER_CLOSE_REASON,
            RefundStatus.PENDING,
            null,
            null,
            now,
            now,
            null,
            RefundOrigin.PAYGATE));
    // Sent by the janitor: not inside the notification's transaction, and retried if it fails.
    checks.checkRefund(outTradeNo, outRequestNo, now);
  }
}
