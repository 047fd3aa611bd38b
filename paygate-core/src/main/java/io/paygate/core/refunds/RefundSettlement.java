package io.paygate.core.refunds;

import io.paygate.core.money.Money;
import io.paygate.core.payments.Attention;
import io.paygate.core.payments.BookEvents;
import io.paygate.core.payments.Payment;
import io.paygate.core.payments.PaymentEvent;
import io.paygate.core.payments.PaymentRepository;
import io.paygate.core.payments.PaymentTransition;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Settles refunds and keeps the payment's refunded amount and status in step with them and with the
 * channel's own cumulative total. Call it inside a transaction that holds the payment's row lock
 * (hence the locked payment it takes); each step answers the payment as it left it, so the next
 * step carries it on without locking or summing again (under the lock, a payment's refunded amount
 * is the sum of its succeeded refunds). It announces what it changes.
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
  private final BookEvents events;
  private final Clock clock;

  public RefundSettlement(
      RefundRepository refunds, PaymentRepository payments, BookEvents events, Clock clock) {
    this.refunds = refunds;
    this.payments = payments;
    this.events = events;
    this.clock = clock;
  }

  /** A payment and one of its refunds as a step left them (the refund null when there is none). */
  public record Settled(Payment payment, Refund refund, boolean changed) {}

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
    return confirmed(lockedPayment, outRequestNo, refundedAt).changed();
  }

  /** As {@link #confirm}, answering the payment and the refund as it left them. */
  public Settled confirmed(Payment lockedPayment, String outRequestNo, Instant refundedAt) {
    Refund refund = refunds.find(lockedPayment.outTradeNo(), outRequestNo).orElse(null);
    return confirmed(lockedPayment, refund, refundedAt);
  }

  /**
   * As {@link #confirmed(Payment, String, Instant)}, for the refund as the caller last saw it
   * (booked or read before the lock): a pending or failed refund within the bound is confirmed by
   * the conditional update, which rechecks its status; only when that changes nothing (it moved
   * meanwhile), or the bound is passed as seen (it may have been confirmed meanwhile, its amount in
   * the payment's already), is it read again and decided on what it is now.
   */
  public Settled confirmedAsSeen(Payment lockedPayment, Refund seen, Instant refundedAt) {
    boolean withinBound =
        !lockedPayment
            .refundedAmount()
            .plus(seen.refundAmount())
            .isGreaterThan(lockedPayment.totalAmount());
    if (seen.status() != RefundStatus.SUCCEEDED && withinBound) {
      Settled settled = confirmed(lockedPayment, seen, refundedAt);
      if (settled.changed()) {
        return settled;
      }
    }
    return confirmed(lockedPayment, seen.outRequestNo(), refundedAt);
  }

  private Settled confirmed(Payment lockedPayment, Refund refund, Instant refundedAt) {
    if (refund == null || refund.status() == RefundStatus.SUCCEEDED) {
      return new Settled(lockedPayment, refund, false);
    }
    Money after = lockedPayment.refundedAmount().plus(refund.refundAmount());
    if (after.isGreaterThan(lockedPayment.totalAmount())) {
      return new Settled(flag(lockedPayment), refund, false);
    }
    Instant now = clock.instant();
    Refund settled =
        settle(lockedPayment, refund, RefundChange.confirm(now, refundedAt)).orElse(null);
    if (settled == null) {
      return new Settled(lockedPayment, refund, false);
    }
    return new Settled(bookRefunds(lockedPayment, after), settled, true);
  }

  /** The channel refused the refund for good: its reservation ends. */
  public Optional<Refund> fail(Payment payment, Refund refund, String code, String message) {
    return settle(payment, refund, RefundChange.fail(code, message, clock.instant()));
  }

  /** A failed refund sent again under its own number: its amount is reserved again. */
  public Optional<Refund> retry(Payment payment, Refund refund) {
    return settle(payment, refund, RefundChange.retry(clock.instant()));
  }

  private Optional<Refund> settle(Payment payment, Refund refund, RefundChange change) {
    Optional<Refund> settled = refunds.settle(refund, change);
    settled.ifPresent(after -> events.announce(change.transition().announces(after, payment)));
    return settled;
  }

  /** Books a new refund and announces it (and its success, when it was made already). */
  public void book(Payment payment, Refund refund) {
    refunds.insert(refund);
    events.announce(new RefundEvent.Requested(refund, payment.app(), payment.channel()));
    if (refund.status() == RefundStatus.SUCCEEDED) {
      events.announce(RefundTransition.CONFIRM.announces(refund, payment));
    }
  }

  /** The payment's refund with this number, when booked. */
  public Optional<Refund> find(String outTradeNo, String outRequestNo) {
    return refunds.find(outTradeNo, outRequestNo);
  }

  /** Whether a refund with this number is booked already (made by PayGate, or learnt before). */
  public boolean isBooked(String outTradeNo, String outRequestNo) {
    return refunds.find(outTradeNo, outRequestNo).isPresent();
  }

  /**
   * Books a refund the channel names with its own amount but that is not one of ours (made in the
   * channel's merchant console), under the channel's number, when no running total comes with it.
   * Never twice (a number booked already changes nothing), never more than was paid (flagged).
   *
   * @return the refund booked, or empty when nothing was
   */
  public Optional<Refund> bookMadeOutside(
      Payment lockedPayment, String refundNo, Money refundAmount, Instant refundedAt) {
    if (refunds.find(lockedPayment.outTradeNo(), refundNo).isPresent()) {
      return Optional.empty();
    }
    Money after = lockedPayment.refundedAmount().plus(refundAmount);
    if (after.isGreaterThan(lockedPayment.totalAmount())) {
      flag(lockedPayment);
      return Optional.empty();
    }
    Refund booked =
        Refund.madeOutside(
            lockedPayment.outTradeNo(),
            refundNo,
            refundAmount,
            OUTSIDE_REASON,
            clock.instant(),
            refundedAt);
    book(lockedPayment, booked);
    bookRefunds(lockedPayment, after);
    return Optional.of(booked);
  }

  /**
   * Compares the channel's cumulative refunded total with the refunds we booked, first booking the
   * refund the source names when it is not one of ours and its exact amount is known: a refund made
   * outside PayGate (in Alipay's merchant console), booked under the channel's own number, never
   * twice. What the figure still leaves unexplained is never booked under a number of our own: a
   * notification names one refund only, so the difference may hold others; their own notifications,
   * or the day's bill, book them.
   */
  public TotalCheck matchChannelTotal(Payment lockedPayment, ChannelTotal channel) {
    String outTradeNo = lockedPayment.outTradeNo();
    Instant now = clock.instant();
    Payment payment = lockedPayment;
    Refund booked = null;
    String refundNo = channel.refundNo();
    Money refundAmount = channel.refundAmount();
    if (refundNo != null && refundAmount != null) {
      Refund named = refunds.find(outTradeNo, refundNo).orElse(null);
      if (named == null) {
        Money after = payment.refundedAmount().plus(refundAmount);
        if (after.isGreaterThan(payment.totalAmount())) {
          flag(payment);
          return new TotalCheck.Mismatch(
              "refund " + refundNo + " of " + refundAmount + " would refund more than was paid");
        }
        booked =
            Refund.madeOutside(
                outTradeNo, refundNo, refundAmount, OUTSIDE_REASON, now, channel.refundedAt());
        book(payment, booked);
        payment = bookRefunds(payment, after);
      } else if (named.status() == RefundStatus.FAILED
          && named.refundAmount().compareTo(refundAmount) == 0) {
        // One of ours we had given up on went through after all.
        Settled settled = confirmed(payment, named, channel.refundedAt());
        payment = settled.payment();
        booked = settled.refund();
      }
    }
    Money channelTotal = channel.total();
    Money ours = payment.refundedAmount();
    int comparison = channelTotal.compareTo(ours);
    if (comparison == 0) {
      return booked != null ? new TotalCheck.Booked(booked) : new TotalCheck.Matched();
    }
    if (channelTotal.isGreaterThan(payment.totalAmount()) || (comparison < 0 && channel.fresh())) {
      flag(payment);
      return new TotalCheck.Mismatch(
          "the channel's refunded total " + channelTotal + " differs from ours " + ours);
    }
    if (booked != null) {
      return new TotalCheck.Booked(booked);
    }
    if (comparison < 0) {
      return new TotalCheck.Stale();
    }
    List<Refund> ofThePayment = refunds.findByPayment(outTradeNo);
    List<Refund> pending =
        ofThePayment.stream().filter(r -> r.status() == RefundStatus.PENDING).toList();
    if (!pending.isEmpty()) {
      return new TotalCheck.Deferred(pending);
    }
    Money difference = channelTotal.minus(ours);
    Refund named =
        refundNo == null
            ? null
            : ofThePayment.stream()
                .filter(r -> r.outRequestNo().equals(refundNo))
                .findFirst()
                .orElse(null);
    if (named != null
        && named.status() == RefundStatus.FAILED
        && named.refundAmount().compareTo(difference) == 0) {
      return new TotalCheck.Booked(confirmed(payment, named, channel.refundedAt()).refund());
    }
    return new TotalCheck.Unexplained(difference);
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
    if (channelTotal.isLessThan(lockedPayment.refundedAmount())) {
      List<Refund> ofThePayment = refunds.findByPayment(lockedPayment.outTradeNo());
      Refund answered =
          ofThePayment.stream()
              .filter(r -> r.outRequestNo().equals(refundNo))
              .findFirst()
              .orElse(null);
      if (answered != null && !channelTotal.isLessThan(surelyMadeBefore(answered, ofThePayment))) {
        return new TotalCheck.Stale();
      }
    }
    return matchChannelTotal(
        lockedPayment, new ChannelTotal(channelTotal, null, null, refundedAt, true));
  }

  /**
   * What the channel had surely refunded when it made this refund: the refund itself and every one
   * confirmed (a succeeded refund changes no more) before it was asked for.
   */
  private static Money surelyMadeBefore(Refund answered, List<Refund> ofThePayment) {
    return ofThePayment.stream()
        .filter(r -> r.status() == RefundStatus.SUCCEEDED)
        .filter(r -> !r.outRequestNo().equals(answered.outRequestNo()))
        .filter(r -> r.updatedAt().isBefore(answered.createdAt()))
        .map(Refund::refundAmount)
        .reduce(answered.refundAmount(), Money::plus);
  }

  /** Books the new sum of succeeded refunds and the status it leads to, in one update. */
  private Payment bookRefunds(Payment locked, Money refunded) {
    PaymentTransition transition =
        refunded.compareTo(locked.totalAmount()) >= 0
            ? PaymentTransition.REFUND_ALL
            : PaymentTransition.REFUND_PART;
    return payments
        .bookRefunds(locked, refunded, transition, clock.instant())
        .map(
            after -> {
              events.announce(transition.announces(after));
              return after;
            })
        .orElse(locked);
  }

  /** Flags the payment's refunds as differing from the channel's, and announces it when new. */
  public Payment flag(Payment current) {
    return payments
        .flag(current, Attention.REFUND_MISMATCH, clock.instant())
        .map(
            flagged -> {
              events.announce(new PaymentEvent.AttentionRaised(flagged));
              return flagged;
            })
        .orElse(current);
  }
}
