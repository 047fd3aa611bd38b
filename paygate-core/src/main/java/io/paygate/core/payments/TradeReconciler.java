package io.paygate.core.payments;

import io.paygate.core.channel.ChannelTrade;
import io.paygate.core.channel.TradeState;
import io.paygate.core.money.Money;
import java.time.Instant;

/**
 * Applies what the channel says about a trade to the stored payment, from a query or a notification
 * alike. The channel's word is trusted only when it matches what was asked: the same out_trade_no
 * and the same amount. Call it inside a transaction holding the payment's row lock.
 */
public final class TradeReconciler {

  /** What reconciling did. */
  public sealed interface Result {
    record Changed(PaymentStatus status) implements Result {}

    record Unchanged() implements Result {}

    record Mismatch(String reason) implements Result {}
  }

  private final PaymentRepository payments;
  private final GiveBack giveBack;
  private final PaidAfterClose paidAfterClose;
  private final BookEvents events;

  public TradeReconciler(
      PaymentRepository payments,
      GiveBack giveBack,
      PaidAfterClose paidAfterClose,
      BookEvents events) {
    this.payments = payments;
    this.giveBack = giveBack;
    this.paidAfterClose = paidAfterClose;
    this.events = events;
  }

  /**
   * Flags the payment for an operator and announces it, when the reason is new. Call it inside a
   * transaction: the shop is told.
   *
   * @return the payment as it stands after
   */
  public Payment flag(Payment current, Attention reason, Instant now) {
    return payments
        .flag(current, reason, now)
        .map(
            flagged -> {
              events.announce(new PaymentEvent.AttentionRaised(flagged));
              return flagged;
            })
        .orElse(current);
  }

  /**
   * @param refundedTotal the channel's cumulative refunded amount when the source carries it, else
   *     null; a trade closed with refunds was paid first
   */
  public Result apply(Payment payment, ChannelTrade trade, Money refundedTotal, Instant now) {
    Result result = applyStatus(payment, trade, refundedTotal, now);
    if (trade.status() == TradeState.SETTLED && !(result instanceof Result.Mismatch)) {
      // Finished at the channel (Alipay's TRADE_FINISHED), paid just now or long ago: no refunds
      // from now on. Never a second success for the shop: booking PAID above announced it at most
      // once, and the finish itself announces nothing.
      payments
          .find(payment.outTradeNo())
          .filter(Payment::isPaid)
          .ifPresent(paid -> payments.markFinished(paid, now));
    }
    return result;
  }

  private Result applyStatus(
      Payment payment, ChannelTrade trade, Money refundedTotal, Instant now) {
    if (trade.outTradeNo() != null && !trade.outTradeNo().equals(payment.outTradeNo())) {
      return new Result.Mismatch("out_trade_no differs from the payment's");
    }
    if (trade.totalAmount() != null && trade.totalAmount().compareTo(payment.totalAmount()) != 0) {
      // Real money may have moved for another amount: nothing is booked, an operator looks.
      flag(payment, Attention.AMOUNT_MISMATCH, now);
      return new Result.Mismatch(
          "total_amount " + trade.totalAmount() + " differs from " + payment.totalAmount());
    }
    boolean paid = wasPaid(trade, refundedTotal);
    // A paid trade's number is checked by markPaid's own update; asked apart only when it changed
    // nothing, to tell why.
    if (!paid && anotherPaymentsTrade(payment, trade)) {
      return new Result.Mismatch(ANOTHER_PAYMENTS_TRADE);
    }
    if (paid) {
      // What the channel gave back already: its refunded total, or all of it for a paid trade it
      // has closed (only a full refund closes a paid trade).
      Money givenBack = trade.status() == TradeState.CLOSED ? payment.totalAmount() : refundedTotal;
      boolean allGivenBack = givenBack != null && !givenBack.isLessThan(payment.totalAmount());
      boolean afterClose =
          payment.status() == PaymentStatus.CLOSED || payment.status() == PaymentStatus.FAILED;
      // The shop fulfils on a success: never announced for money paid after it was told the
      // payment is closed (it hears of it as needing attention, refunded by default), nor for
      // money already given back (it hears of it as refunded once the refunds are booked).
      Payment marked = payments.markPaid(payment, trade, now).orElse(null);
      if (marked == null) {
        return anotherPaymentsTrade(payment, trade)
            ? new Result.Mismatch(ANOTHER_PAYMENTS_TRADE)
            : new Result.Unchanged();
      }
      PaymentEvent.Paid fact = (PaymentEvent.Paid) PaymentTransition.CONFIRM_PAID.announces(marked);
      events.announce(afterClose || allGivenBack ? fact.quietly() : fact);
      if (afterClose) {
        paidAfterClose(marked, givenBack, now);
      } else if (allGivenBack && refundedTotal == null) {
        // A query tells that all of it went back, not by which refunds: their notification or the
        // day's bill books them; till then the books differ from the channel's, for an operator.
        flag(marked, Attention.REFUND_MISMATCH, now);
      }
      return new Result.Changed(PaymentStatus.PAID);
    }
    if (trade.status() == TradeState.CLOSED && payment.paidAt() == null) {
      return apply(payment, PaymentTransition.CLOSE, now)
          .<Result>map(closed -> new Result.Changed(PaymentStatus.CLOSED))
          .orElse(new Result.Unchanged());
    }
    // WAIT_BUYER_PAY, or TRADE_CLOSED after refunds of a payment we know is paid.
    return new Result.Unchanged();
  }

  /**
   * Applies a transition without details and announces its fact when it changed the payment. Call
   * it inside a transaction: the shop is told.
   */
  public java.util.Optional<Payment> apply(
      Payment current, PaymentTransition transition, Instant now) {
    java.util.Optional<Payment> after = payments.apply(current, transition, now);
    after.ifPresent(changed -> events.announce(transition.announces(changed)));
    return after;
  }

  private static final String ANOTHER_PAYMENTS_TRADE = "trade_no belongs to another payment";

  private boolean anotherPaymentsTrade(Payment payment, ChannelTrade trade) {
    return trade.tradeNo() != null
        && payments
            .findByTradeNo(trade.tradeNo())
            .filter(other -> !other.outTradeNo().equals(payment.outTradeNo()))
            .isPresent();
  }

  /**
   * Whether {@link #apply} would change nothing, told from the payment alone: the channel says it
   * is paid, and the payment is booked as paid already with this trade_no and amount. A paid
   * payment keeps its trade_no and amount for good, so a read without the lock is enough; a
   * redelivered notification is answered this way, with no lock and no write. Anything else
   * (another state, a refunded total, a missing field) goes through {@link #apply}.
   */
  public boolean changesNothing(Payment payment, ChannelTrade trade, Money refundedTotal) {
    return refundedTotal == null
        && trade.status().isPaid()
        // A finished trade must be marked so once, whatever else the payment already says.
        && (trade.status() != TradeState.SETTLED || payment.isFinished())
        // No paid status is one CONFIRM_PAID starts from, so marking it paid would change nothing.
        && payment.isPaid()
        && trade.tradeNo() != null
        && trade.tradeNo().equals(payment.tradeNo())
        && payment.outTradeNo().equals(trade.outTradeNo())
        && trade.totalAmount() != null
        && trade.totalAmount().compareTo(payment.totalAmount()) == 0;
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
   * default give it back.
   */
  private void paidAfterClose(Payment payment, Money refundedTotal, Instant now) {
    Payment flagged = flag(payment, Attention.PAID_AFTER_CLOSE, now);
    if (paidAfterClose != PaidAfterClose.REFUND) {
      return;
    }
    // What the channel says it already gave back (a refund in its console) is not sent again.
    Money rest =
        refundedTotal == null
            ? payment.totalAmount()
            : payment.totalAmount().leftAfter(refundedTotal);
    if (rest.isGreaterThan(Money.ZERO)) {
      giveBack.planRefund(flagged, rest, now);
    }
  }

  /**
   * After an automatic refund of money paid after a close was refused, gives back what is left (see
   * {@link GiveBack#planRefundOfTheRest}), while the rules allow it. Call it with the payment's row
   * lock held.
   *
   * @return true when a refund was planned
   */
  public boolean giveBackTheRest(Payment locked, Instant now) {
    if (paidAfterClose != PaidAfterClose.REFUND
        || locked.attention() != Attention.PAID_AFTER_CLOSE
        || !locked.isPaid()) {
      return false;
    }
    return giveBack.planRefundOfTheRest(locked, now);
  }
}
