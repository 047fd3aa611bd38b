package io.paygate.core.refunds;

import io.paygate.core.money.Money;
import io.paygate.core.payments.Attention;
import io.paygate.core.payments.Payment;
import io.paygate.core.payments.PaymentRepository;
import io.paygate.core.payments.PaymentTransition;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Settles refunds and keeps the payment's refunded amount and status in step with them and with the
 * channel's own cumulative total. Call it inside a transaction that holds the payment's row lock
 * (hence the locked payment it takes).
 */
public final class RefundSettlement {

  static final String OUTSIDE_REASON = "在支付渠道完成的退款 Refunded outside PayGate";

  /** How the channel's cumulative refunded total compared with our books. */
  public sealed interface TotalCheck {
    record Matched() implements TotalCheck {}

    /** The channel refunded more than we knew: the difference is booked as its refund. */
    record Booked(Refund refund) implements TotalCheck {}

    /** Refunds of ours are still pending: the difference cannot be attributed yet. */
    record Deferred(List<Refund> pending) implements TotalCheck {}

    /** A difference PayGate cannot book by itself; the payment is flagged. */
    record Mismatch(String reason) implements TotalCheck {}
  }

  private final RefundRepository refunds;
  private final PaymentRepository payments;
  private final Clock clock;

  public RefundSettlement(RefundRepository refunds, PaymentRepository payments, Clock clock) {
    this.refunds = refunds;
    this.payments = payments;
    this.clock = clock;
  }

  /**
   * The channel's word that a refund went through. It wins over an earlier FAILED, but never books
   * more than was paid: that is flagged instead of stored.
   */
  public boolean confirm(Payment lockedPayment, String outRequestNo) {
    return confirm(lockedPayment, outRequestNo, null);
  }

  /**
   * @param refundedAt when the channel made the refund, or null when it did not say (now, then)
   */
  public boolean confirm(Payment lockedPayment, String outRequestNo, Instant refundedAt) {
    String outTradeNo = lockedPayment.outTradeNo();
    Refund refund = refunds.find(outTradeNo, outRequestNo).orElse(null);
    if (refund == null || refund.status() == RefundStatus.SUCCEEDED) {
      return false;
    }
    Money after = refunds.sumSucceeded(outTradeNo).plus(refund.refundAmount());
    if (after.isGreaterThan(lockedPayment.totalAmount())) {
      payments.setAttention(outTradeNo, Attention.REFUND_MISMATCH, clock.instant());
      return false;
    }
    boolean changed =
        refunds.settle(
            outTradeNo,
            outRequestNo,
            RefundTransition.CONFIRM,
            null,
            null,
            clock.instant(),
            refundedAt != null ? refundedAt : clock.instant());
    if (changed) {
      recomputePayment(lockedPayment);
    }
    return changed;
  }

  /** The channel refused the refund for good: its reservation ends. */
  public boolean fail(String outTradeNo, String outRequestNo, String code, String message) {
    return refunds.settle(
        outTradeNo, outRequestNo, RefundTransition.FAIL, code, message, clock.instant(), null);
  }

  /**
   * Compares the channel's cumulative refunded total with the refunds we booked. More at the
   * channel, with none of ours pending, is a refund made outside PayGate (in Alipay's merchant
   * console): it is booked under the channel's number. Less at the channel is flagged.
   *
   * @param channelRefundNo the number the channel gave the latest refund, or null
   * @param refundedAt when the channel made it, or null
   */
  public TotalCheck matchChannelTotal(
      Payment lockedPayment, Money channelTotal, String channelRefundNo, Instant refundedAt) {
    String outTradeNo = lockedPayment.outTradeNo();
    Money ours = refunds.sumSucceeded(outTradeNo);
    int comparison = channelTotal.compareTo(ours);
    if (comparison == 0) {
      learnNumber(outTradeNo, channelRefundNo);
      return new TotalCheck.Matched();
    }
    Instant now = clock.instant();
    if (comparison < 0 || channelTotal.isGreaterThan(lockedPayment.totalAmount())) {
      payments.setAttention(outTradeNo, Attention.REFUND_MISMATCH, now);
      return new TotalCheck.Mismatch(
          "the channel's refunded total " + channelTotal + " differs from ours " + ours);
    }
    List<Refund> pending =
        refunds.findByPayment(outTradeNo).stream()
            .filter(r -> r.status() == RefundStatus.PENDING)
            .toList();
    if (!pending.isEmpty()) {
      return new TotalCheck.Deferred(pending);
    }
    Money difference = channelTotal.minus(ours);
    Refund named =
        channelRefundNo == null ? null : refunds.find(outTradeNo, channelRefundNo).orElse(null);
    if (named != null
        && named.status() == RefundStatus.FAILED
        && named.refundAmount().compareTo(difference) == 0) {
      // One of ours we had given up on went through after all.
      confirm(lockedPayment, channelRefundNo);
      return new TotalCheck.Booked(refunds.find(outTradeNo, channelRefundNo).orElseThrow());
    }
    String number =
        named == null && channelRefundNo != null ? channelRefundNo : freeNumber(outTradeNo);
    Refund outside =
        new Refund(
            outTradeNo,
            number,
            difference,
            OUTSIDE_REASON,
            RefundStatus.SUCCEEDED,
            null,
            null,
            now,
            now,
            refundedAt != null ? refundedAt : now,
            RefundOrigin.CHANNEL);
    refunds.insert(outside);
    recomputePayment(lockedPayment);
    return new TotalCheck.Booked(outside);
  }

  /**
   * An outside refund first learnt from a cumulative figure alone was booked under a number of
   * ours; once the channel names it, it carries the channel's number, so the bill finds it.
   */
  private void learnNumber(String outTradeNo, String channelRefundNo) {
    if (channelRefundNo == null || refunds.find(outTradeNo, channelRefundNo).isPresent()) {
      return;
    }
    refunds.findByPayment(outTradeNo).stream()
        .filter(r -> r.origin() == RefundOrigin.CHANNEL && r.outRequestNo().startsWith(UNNAMED))
        .findFirst()
        .ifPresent(r -> refunds.renumber(outTradeNo, r.outRequestNo(), channelRefundNo));
  }

  /** Numbers of ours for channel refunds whose own number we were not told yet. */
  static final String UNNAMED = "CHANNEL_";

  /** A number for a channel refund whose own number we were not told. */
  private String freeNumber(String outTradeNo) {
    for (int n = 1; ; n++) {
      String number = UNNAMED + n;
      if (refunds.find(outTradeNo, number).isEmpty()) {
        return number;
      }
    }
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
