package io.paygate.core.refunds;

import io.paygate.core.channel.ChannelError;
import io.paygate.core.channel.Channels;
import io.paygate.core.channel.PaymentChannel;
import io.paygate.core.channel.RefundLookup;
import io.paygate.core.channel.RefundOrder;
import io.paygate.core.channel.RefundOutcome;
import io.paygate.core.channel.TradeRef;
import io.paygate.core.checks.CheckSchedule;
import io.paygate.core.errors.ErrorCode;
import io.paygate.core.errors.PayGateException;
import io.paygate.core.money.Money;
import io.paygate.core.numbers.Identifiers;
import io.paygate.core.payments.Payment;
import io.paygate.core.payments.PaymentRepository;
import io.paygate.core.payments.PaymentRules;
import io.paygate.core.payments.PaymentTransition;
import io.paygate.core.transactions.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Refunds, full and partial. The refund is stored (and its amount reserved under the payment's row
 * lock) before the channel is called, so concurrent requests can never refund more than was paid.
 * An unknown answer leaves the refund PENDING, its amount reserved, until the janitor settles it;
 * nothing is ever retried under a new out_request_no.
 */
public final class RefundService {

  private final PaymentRepository payments;
  private final RefundRepository refunds;
  private final RefundSettlement settlement;
  private final Channels channels;
  private final Transactions transactions;
  private final Identifiers identifiers;
  private final CheckSchedule checks;
  private final Clock clock;
  private final AtomicLong resent = new AtomicLong();

  public RefundService(
      PaymentRepository payments,
      RefundRepository refunds,
      RefundSettlement settlement,
      Channels channels,
      Transactions transactions,
      Identifiers identifiers,
      CheckSchedule checks,
      Clock clock) {
    this.payments = payments;
    this.refunds = refunds;
    this.settlement = settlement;
    this.channels = channels;
    this.transactions = transactions;
    this.identifiers = identifiers;
    this.checks = checks;
    this.clock = clock;
  }

  /** A refund reserved in the database, and whether the channel must be asked for it now. */
  private record Reservation(Payment payment, Refund refund, boolean send) {}

  /**
   * How long the payment's channel asks to wait before a refund it did not confirm is asked about.
   */
  public java.time.Duration refundQueryPause(String outTradeNo) {
    return refundQueryPause(
        payments.find(outTradeNo).orElseThrow(() -> PayGateException.paymentNotFound(outTradeNo)));
  }

  private java.time.Duration refundQueryPause(Payment payment) {
    return channelOf(payment).rules().refundQueryPause();
  }

  /** A refund goes to its payment's channel. */
  private PaymentChannel channelOf(Payment payment) {
    return channels.of(payment.channel());
  }

  public Refund refund(String outTradeNo, NewRefund request) {
    PaymentRules.checkAmount("refund_amount", request.refundAmount());
    String outRequestNo =
        request.outRequestNo() != null ? request.outRequestNo() : identifiers.newOutRequestNo();
    Reservation reservation =
        transactions.inTransaction(() -> reserve(outTradeNo, outRequestNo, request));
    if (!reservation.send()) {
      Refund existing = reservation.refund();
      return existing.status() == RefundStatus.PENDING
          ? resolve(outTradeNo, outRequestNo)
          : existing;
    }
    return send(reservation.payment(), reservation.refund());
  }

  private Reservation reserve(String outTradeNo, String outRequestNo, NewRefund request) {
    Payment payment =
        payments.lock(outTradeNo).orElseThrow(() -> PayGateException.paymentNotFound(outTradeNo));
    // The limits of the payment's own channel (a refusal rolls the lock back, nothing written).
    PaymentRules.checkNewRefund(
        request.reason(), request.outRequestNo(), channelOf(payment).rules());
    // One read of the payment's refunds: whether this number is taken, and what is reserved.
    List<Refund> ofThePayment = refunds.findByPayment(outTradeNo);
    Money reserved =
        ofThePayment.stream()
            .filter(r -> r.status() != RefundStatus.FAILED)
            .map(Refund::refundAmount)
            .reduce(Money.ZERO, Money::plus);
    var existing =
        ofThePayment.stream().filter(r -> r.outRequestNo().equals(outRequestNo)).findFirst();
    if (existing.isPresent()) {
      Refund refund = existing.get();
      if (refund.refundAmount().compareTo(request.refundAmount()) != 0) {
        throw new PayGateException(
            ErrorCode.OUT_REQUEST_NO_CONFLICT,
            "out_request_no " + outRequestNo + " was used for a refund of another amount",
            "out_request_no",
            null);
      }
      if (refund.status() != RefundStatus.FAILED) {
        return new Reservation(payment, refund, false);
      }
      // A failed refund is retried under its own number, as Alipay asks.
      checkAvailable(payment, reserved, request.refundAmount());
      Refund retried =
          settlement
              .retry(payment, refund)
              .orElseGet(() -> refunds.find(outTradeNo, outRequestNo).orElseThrow());
      watchInFlight(payment, retried);
      return new Reservation(payment, retried, true);
    }
    if (!PaymentTransition.allowsNewRefund(payment)) {
      throw new PayGateException(
          ErrorCode.PAYMENT_NOT_REFUNDABLE,
          payment.isFinished()
              ? "the trade is finished at the channel (its refund period is over): no more refunds"
              : "the payment is " + payment.status() + "; only paid payments can be refunded");
    }
    checkAvailable(payment, reserved, request.refundAmount());
    Refund refund =
        Refund.pending(
            outTradeNo, outRequestNo, request.refundAmount(), request.reason(), clock.instant());
    settlement.book(payment, refund);
    // Booked just now, so it has no row yet: written without a look for one.
    checks.checkNewRefund(
        refund.outTradeNo(),
        refund.outRequestNo(),
        clock.instant().plus(refundQueryPause(payment)));
    return new Reservation(payment, refund, true);
  }

  /**
   * The refund's check row, written with the reservation, before the call leaves: should this
   * process die mid-call, another instance asks after it when the channel's pause has passed.
   */
  private void watchInFlight(Payment payment, Refund refund) {
    checks.checkRefund(
        refund.outTradeNo(),
        refund.outRequestNo(),
        clock.instant().plus(refundQueryPause(payment)));
  }

  private static void checkAvailable(Payment payment, Money reserved, Money amount) {
    if (reserved.plus(amount).isGreaterThan(payment.totalAmount())) {
      Money available = payment.totalAmount().leftAfter(reserved);
      throw new PayGateException(
          ErrorCode.REFUND_EXCEEDS_AVAILABLE,
          "最多还可退 "
              + available
              + " 元 · at most "
              + available
              + " can still be refunded (refunded or pending: "
              + reserved
              + ")",
          "refund_amount",
          null);
    }
  }

  private Refund send(Payment payment, Refund refund) {
    Delivery delivery = deliver(payment, refund);
    if (delivery.refusal() != null) {
      throw PayGateException.channelRejected("refund " + refund.outRequestNo(), delivery.refusal());
    }
    // fund_change=N: the channel took the request but no money moved in this call: ask at once.
    // After a timeout the query waits for the janitor (Alipay asks for a pause first).
    return delivery.accepted() && delivery.refund().status() == RefundStatus.PENDING
        ? resolve(refund.outTradeNo(), refund.outRequestNo())
        : delivery.refund();
  }

  /**
   * What sending a refund to the channel left it as: whether the channel took the request, and its
   * refusal if it refused.
   */
  private record Delivery(Refund refund, boolean accepted, ChannelError refusal) {}

  private Delivery deliver(Payment payment, Refund refund) {
    RefundOutcome outcome =
        channelOf(payment)
            .refund(
                new RefundOrder(
                    payment.app(),
                    payment.outTradeNo(),
                    payment.tradeNo(),
                    refund.outRequestNo(),
                    refund.refundAmount(),
                    refund.reason(),
                    payment.totalAmount()));
    if (outcome instanceof RefundOutcome.Accepted accepted) {
      if (accepted.fundChanged()) {
        return new Delivery(
            confirm(refund, accepted.totalRefunded(), accepted.refundedAt()), true, null);
      }
      checks.moveRefund(
          refund.outTradeNo(),
          refund.outRequestNo(),
          clock.instant().plus(refundQueryPause(payment)));
      return new Delivery(current(refund), true, null);
    }
    if (outcome instanceof RefundOutcome.Refused refused) {
      Optional<Refund> failed =
          transactions.inTransaction(
              () -> {
                checks.forgetRefund(refund.outTradeNo(), refund.outRequestNo());
                return settlement.fail(
                    payment, refund, refused.error().code(), refused.error().message());
              });
      return new Delivery(failed.orElseGet(() -> current(refund)), false, refused.error());
    }
    // Unknown: stays PENDING (its amount reserved) until a refund query settles it.
    checks.moveRefund(
        refund.outTradeNo(),
        refund.outRequestNo(),
        clock.instant().plus(refundQueryPause(payment)));
    return new Delivery(current(refund), false, null);
  }

  /**
   * Settles a pending refund by asking the channel. Only the channel's word that it went through
   * settles it here; anything else leaves it pending for the janitor, which sends it again under
   * its own number if the channel still cannot find it.
   */
  public Refund resolve(String outTradeNo, String outRequestNo) {
    return settleByQuery(outTradeNo, outRequestNo, false);
  }

  /**
   * The janitor's check of a pending refund, by Alipay's rule: a refund query that finds nothing
   * means "not received yet, or failed", and the remedy is to send the same refund again under the
   * same out_request_no (the channel never refunds one number twice). It becomes FAILED only on the
   * channel's definitive refusal.
   */
  public Refund recheck(String outTradeNo, String outRequestNo) {
    return settleByQuery(outTradeNo, outRequestNo, true);
  }

  /**
   * @param sendAgain whether a refund the channel cannot find is sent again now (the janitor), or
   *     left to the janitor's next check
   */
  private Refund settleByQuery(String outTradeNo, String outRequestNo, boolean sendAgain) {
    Refund refund = get(outTradeNo, outRequestNo);
    if (refund.status() != RefundStatus.PENDING) {
      return refund;
    }
    Payment payment =
        payments.find(outTradeNo).orElseThrow(() -> PayGateException.paymentNotFound(outTradeNo));
    RefundLookup lookup =
        channelOf(payment)
            .queryRefund(new TradeRef(payment.app(), outTradeNo, payment.tradeNo()), outRequestNo);
    if (lookup instanceof RefundLookup.Refunded refunded) {
      if (sameAmount(payment, refund, refunded)) {
        return confirm(refund, null, refunded.refundedAt());
      }
      return current(refund);
    }
    if (!sendAgain) {
      checks.checkRefund(outTradeNo, outRequestNo, clock.instant().plus(refundQueryPause(payment)));
      return current(refund);
    }
    if (lookup instanceof RefundLookup.NotRefunded) {
      resent.incrementAndGet();
      Refund after = deliver(payment, refund).refund();
      if (after.status() == RefundStatus.FAILED && PaidAfterCloseRefunds.isOne(after)) {
        // Money paid after a close must go back: what is left is tried under a new number.
        checks.checkPayment(outTradeNo, clock.instant());
      }
      return after;
    }
    return current(refund);
  }

  /**
   * The channel found our refund number with another amount: never book ours, flag it (it stays
   * PENDING, its amount reserved, for an operator).
   */
  private boolean sameAmount(Payment payment, Refund refund, RefundLookup.Refunded refunded) {
    if (refunded.amount() == null || refunded.amount().compareTo(refund.refundAmount()) == 0) {
      return true;
    }
    // In a transaction, so that the shop's payment.needs_attention commits with the flag.
    transactions.run(() -> settlement.flag(payment));
    return false;
  }

  /** How many refunds the janitor sent again under their own number (for reports and tests). */
  public long resentCount() {
    return resent.get();
  }

  /**
   * Confirms the refund under the payment's lock, taken once: the settlement carries the locked
   * payment on to the check of the channel's total. The refund is the one this call sent (or read):
   * the conditional update rechecks its status, so it is read again only if it moved meanwhile.
   *
   * @return the refund as it stands after
   */
  private Refund confirm(Refund refund, Money channelTotal, Instant refundedAt) {
    return transactions.inTransaction(
        () -> {
          Payment locked =
              payments
                  .lock(refund.outTradeNo())
                  .orElseThrow(() -> PayGateException.paymentNotFound(refund.outTradeNo()));
          RefundSettlement.Settled settled = settlement.confirmedAsSeen(locked, refund, refundedAt);
          checks.forgetRefund(refund.outTradeNo(), refund.outRequestNo());
          if (channelTotal != null) {
            // The refund answer carries the trade's cumulative refunded total when the channel
            // made it: ours must equal it, or an earlier moment of ours (answers out of order).
            settlement.matchAnswerTotal(
                settled.payment(), channelTotal, refund.outRequestNo(), refundedAt);
          }
          return settled.refund() != null ? settled.refund() : refund;
        });
  }

  public Refund get(String outTradeNo, String outRequestNo) {
    return refunds
        .find(outTradeNo, outRequestNo)
        .orElseThrow(
            () ->
                new PayGateException(
                    ErrorCode.REFUND_NOT_FOUND,
                    "payment " + outTradeNo + " has no refund " + outRequestNo));
  }

  public List<Refund> list(String outTradeNo) {
    payments.find(outTradeNo).orElseThrow(() -> PayGateException.paymentNotFound(outTradeNo));
    return refunds.findByPayment(outTradeNo);
  }

  private Refund current(Refund refund) {
    return get(refund.outTradeNo(), refund.outRequestNo());
  }
}
