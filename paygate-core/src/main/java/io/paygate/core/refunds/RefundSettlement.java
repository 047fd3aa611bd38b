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

    /** A figure older than what we know (a notification delivered out of order): nothing to do. */
    record Stale() implements TotalCheck {}

    /**
     * The channel refunded more than we know of, by refunds it has not named to us yet: their own
     * notifications, or the day's bill, book them.
     */
    record Unexplained(Money difference) implements TotalCheck {}
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

  /** Whether a refund with this number is booked already (made by PayGate, or learnt before). */
  public boolean isBooked(String outTradeNo, String outRequestNo) {
    return refunds.find(outTradeNo, outRequestNo).isPresent();
  }

  /**
   * Compares the channel's cumulative refunded total with the refunds we booked, first booking the
   * refund the source names when it is not one of ours and its exact amount is known: a refund made
   * outside PayGate (in Alipay's merchant console), booked under the channel's own number, never
   * twice. What the figure still leaves unexplained is never booked under a number of our own: a
   * notification names one refund only, so the difference may hold others; their own notifications,
   * or the day's bill, book them.
   *
   * @param refundNo the number of the refund the source is about, or null
   * @param refundAmount that refund's exact amount when known (a refund query by its number, a bill
   *     line), else null
   * @param fresh whether the figure is current (a refund answer, the bill); a notification's may be
   *     older than what we know already, delivered out of order
   */
  public TotalCheck matchChannelTotal(
      Payment lockedPayment,
      Money channelTotal,
      String refundNo,
      Money refundAmount,
      Instant refundedAt,
      boolean fresh) {
    String outTradeNo = lockedPayment.outTradeNo();
    Instant now = clock.instant();
    Refund booked = null;
    if (refundNo != null && refundAmount != null) {
      Refund named = refunds.find(outTradeNo, refundNo).orElse(null);
      if (named == null) {
        Money after = refunds.sumSucceeded(outTradeNo).plus(refundAmount);
        if (after.isGreaterThan(lockedPayment.totalAmount())) {
          payments.setAttention(outTradeNo, Attention.REFUND_MISMATCH, now);
          return new TotalCheck.Mismatch(
              "refund " + refundNo + " of " + refundAmount + " would refund more than was paid");
        }
        booked = outside(outTradeNo, refundNo, refundAmount, refundedAt, now);
        recomputePayment(lockedPayment);
      } else if (named.status() == RefundStatus.FAILED
          && named.refundAmount().compareTo(refundAmount) == 0) {
        // One of ours we had given up on went through after all.
        confirm(lockedPayment, refundNo, refundedAt);
        booked = refunds.find(outTradeNo, refundNo).orElseThrow();
      }
    }
    Money ours = refunds.sumSucceeded(outTradeNo);
    int comparison = channelTotal.compareTo(ours);
    if (comparison == 0) {
      return booked != null ? new TotalCheck.Booked(booked) : new TotalCheck.Matched();
    }
    if (channelTotal.isGreaterThan(lockedPayment.totalAmount()) || (comparison < 0 && fresh)) {
      payments.setAttention(outTradeNo, Attention.REFUND_MISMATCH, now);
      return new TotalCheck.Mismatch(
          "the channel's refunded total " + channelTotal + " differs from ours " + ours);
    }
    if (booked != null) {
      return new TotalCheck.Booked(booked);
    }
    if (comparison < 0) {
      return new TotalCheck.Stale();
    }
    List<Refund> pending =
        refunds.findByPayment(outTradeNo).stream()
            .filter(r -> r.status() == RefundStatus.PENDING)
            .toList();
    if (!pending.isEmpty()) {
      return new TotalCheck.Deferred(pending);
    }
    Money difference = channelTotal.minus(ours);
    Refund named = refundNo == null ? null : refunds.find(outTradeNo, refundNo).orElse(null);
    if (named != null
        && named.status() == RefundStatus.FAILED
        && named.refundAmount().compareTo(difference) == 0) {
      confirm(lockedPayment, refundNo, refundedAt);
      return new TotalCheck.Booked(refunds.find(outTradeNo, refundNo).orElseThrow());
    }
    return new TotalCheck.Unexplained(channelTotal.minus(ours));
  }

  /**
   * Compares the cumulative refunded total of the channel's answer to one of our refunds with our
   * books. The figure is the trade's total at the moment the channel made that refund, and answers
   * to refunds in flight at once can be handled in the other order: one that is below ours now is
   * no difference when some earlier moment explains it — at least the answered refund and every
   * refund confirmed before it was asked for, which the channel had surely made by then (the most
   * it can hold is ours now). A figure below that is a real difference and is flagged; anything
   * else is compared as {@link #matchChannelTotal} compares a current figure.
   *
   * @param refundNo the number of our refund the answer is about
   */
  public TotalCheck matchAnswerTotal(
      Payment lockedPayment, Money channelTotal, String refundNo, Instant refundedAt) {
    String outTradeNo = lockedPayment.outTradeNo();
    Refund answered = refunds.find(outTradeNo, refundNo).orElse(null);
    if (answered != null
        && channelTotal.isLessThan(refunds.sumSucceeded(outTradeNo))
        && !channelTotal.isLessThan(surelyMadeBefore(answered))) {
      return new TotalCheck.Stale();
    }
    return matchChannelTotal(lockedPayment, channelTotal, null, null, refundedAt, true);
  }

  /**
   * What the channel had surely refunded when it made this refund: the refund itself and every one
   * confirmed (a succeeded refund changes no more) before it was asked for.
   */
  private Money surelyMadeBefore(Refund answered) {
    return refunds.findByPayment(answered.outTradeNo()).stream()
        .filter(r -> r.status() == RefundStatus.SUCCEEDED)
        .filter(r -> !r.outRequestNo().equals(answered.outRequestNo()))
        .filter(r -> r.updatedAt().isBefore(answered.createdAt()))
        .map(Refund::refundAmount)
        .reduce(answered.refundAmount(), Money::plus);
  }

  private Refund outside(
      String outTradeNo, String number, Money amount, Instant refundedAt, Instant now) {
    Refund outside =
        new Refund(
            outTradeNo,
            number,
            amount,
            OUTSIDE_REASON,
            RefundStatus.SUCCEEDED,
            null,
            null,
            now,
            now,
            refundedAt != null ? refundedAt : now,
            RefundOrigin.CHANNEL);
    refunds.insert(outside);
    return outside;
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
