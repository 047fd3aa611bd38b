package io.paygate.core.facetoface;

import io.paygate.core.channel.CancelOutcome;
import io.paygate.core.channel.ChannelTrade;
import io.paygate.core.channel.RefundLookup;
import io.paygate.core.channel.TradeLookup;
import io.paygate.core.channel.TradeRef;
import io.paygate.core.channel.TradeState;
import io.paygate.core.checks.CheckSchedule;
import io.paygate.core.errors.ErrorCode;
import io.paygate.core.errors.PayGateException;
import io.paygate.core.money.Money;
import io.paygate.core.payments.Cancellation;
import io.paygate.core.payments.Payment;
import io.paygate.core.payments.PaymentRepository;
import io.paygate.core.payments.PaymentService;
import io.paygate.core.payments.PaymentStatus;
import io.paygate.core.payments.TradeReconciler;
import io.paygate.core.refunds.ChannelTotal;
import io.paygate.core.refunds.RefundSettlement;
import io.paygate.core.transactions.Transactions;
import java.time.Clock;
import java.time.Instant;

/**
 * Cancelling a face-to-face payment, as the channel's cancel does: an unpaid one closes, a paid one
 * is refunded in full. The steps: ask the channel to cancel; then book what its answer says it did.
 * {@code close}: read the trade back and close what is still open. {@code refund}: the buyer had
 * paid and has it all back, so the payment is booked paid (if it was not yet, without announcing a
 * success for money already returned) and refunded, in one transaction, with the refund the cancel
 * made under the order's own number (as the channel numbers a refund sent without one). An
 * unanswered cancel changes nothing and is in flight: sent again under the same out_trade_no (the
 * channel cancels a trade once and answers a repeat the same) until the channel answers. With the
 * barcode flow in this package, face to face (当面付).
 */
public final class CancelService {

  private final PaymentService payments;
  private final PaymentRepository repository;
  private final TradeReconciler reconciler;
  private final RefundSettlement settlement;
  private final CheckSchedule checks;
  private final Transactions transactions;
  private final Clock clock;

  public CancelService(
      PaymentService payments,
      PaymentRepository repository,
      TradeReconciler reconciler,
      RefundSettlement settlement,
      CheckSchedule checks,
      Transactions transactions,
      Clock clock) {
    this.payments = payments;
    this.repository = repository;
    this.reconciler = reconciler;
    this.settlement = settlement;
    this.checks = checks;
    this.transactions = transactions;
    this.clock = clock;
  }

  /**
   * The shop's cancel. Unanswered, it stays in flight: the janitor sends it again until the channel
   * answers, then books the outcome ({@link #cancel} is each of those sends).
   */
  public Cancellation requestCancel(String outTradeNo) {
    cancellable(payments.get(outTradeNo));
    // The row before the call: should this process die waiting, the cancel is sent again.
    checks.resendCancel(outTradeNo, clock.instant().plus(checks.firstCheck()));
    Cancellation cancellation;
    try {
      cancellation = cancel(outTradeNo);
    } catch (PayGateException refused) {
      checks.forgetCancel(outTradeNo);
      throw refused;
    }
    if (cancellation instanceof Cancellation.Done) {
      checks.forgetCancel(outTradeNo);
    }
    return cancellation;
  }

  /**
   * Sends the cancel once and books the channel's answer. Unanswered, nothing changes (in flight);
   * plans no re-send (see {@link #requestCancel}).
   *
   * @throws PayGateException PAYMENT_NOT_CANCELLABLE for a product that cannot be cancelled,
   *     CHANNEL_REJECTED when the channel refused the cancel
   */
  public Cancellation cancel(String outTradeNo) {
    Payment payment = payments.get(outTradeNo);
    cancellable(payment);
    CancelOutcome outcome = payments.channelOf(payment).cancel(ref(payment, payment.tradeNo()));
    if (outcome instanceof CancelOutcome.Unknown) {
      return new Cancellation.InFlight(payments.get(outTradeNo));
    }
    String action = answered(outcome);
    if (action.equals("refund")) {
      bookTheCancelsRefund(payment);
    } else if (payments.sync(outTradeNo).status() == PaymentStatus.PENDING) {
      payments.closeHere(outTradeNo);
    }
    return new Cancellation.Done(payments.get(outTradeNo), action);
  }

  private static void cancellable(Payment payment) {
    if (!payment.product().cancellable()) {
      throw new PayGateException(
          ErrorCode.PAYMENT_NOT_CANCELLABLE,
          "only a face-to-face (qr, barcode) payment can be cancelled; close or refund the others");
    }
  }

  /** What the channel did: {@code close} or {@code refund}. */
  private static String answered(CancelOutcome outcome) {
    if (outcome instanceof CancelOutcome.NotFound) {
      return "close"; // nobody scanned: no trade at the channel, only ours to close
    }
    if (outcome instanceof CancelOutcome.Refused refused) {
      throw PayGateException.channelRejected("the cancel", refused.error());
    }
    return ((CancelOutcome.Cancelled) outcome).action();
  }

  /**
   * The cancel gave all of the payment back: the buyer had paid (seen by us or not: the queries may
   * have failed), and the trade is closed with its total refunded. The trade is read back for its
   * details, and the cancel's refund for its amount and time; should either go unanswered, the
   * cancel's word is enough for a payment not yet booked paid (nothing of ours was refunded from
   * it, so the cancel's refund is its total). Booked as a trade refunded before it was seen paid:
   * paid, not announced as a success, then refunded ({@code payment.refunded}).
   */
  private void bookTheCancelsRefund(Payment payment) {
    String outTradeNo = payment.outTradeNo();
    TradeLookup lookup = payments.channelOf(payment).queryTrade(ref(payment, payment.tradeNo()));
    ChannelTrade found = lookup instanceof TradeLookup.Found f ? f.trade() : null;
    // The cancel's word stands over a query that did not answer or has not caught up with it.
    ChannelTrade trade =
        found != null && found.status() != TradeState.AWAITING_PAYMENT
            ? found
            : new ChannelTrade(
                outTradeNo,
                found != null ? found.tradeNo() : payment.tradeNo(),
                TradeState.CLOSED,
                payment.totalAmount(),
                null,
                null,
                null);
    RefundLookup refund =
        payments
            .channelOf(payment)
            .queryRefund(
                ref(payment, trade.tradeNo() != null ? trade.tradeNo() : payment.tradeNo()),
                outTradeNo);
    Money amount;
    Instant refundedAt;
    if (refund instanceof RefundLookup.Refunded refunded) {
      amount = refunded.amount();
      refundedAt = refunded.refundedAt();
    } else {
      // Unknown for a payment booked paid (refunds of ours may be in flight): the bill books it.
      amount = payment.isPaid() ? null : payment.totalAmount();
      refundedAt = null;
    }
    transactions.run(
        () -> {
          Payment locked = repository.lock(outTradeNo).orElseThrow();
          // The channel's refunded total is now the whole payment.
          if (reconciler.apply(locked, trade, locked.totalAmount(), clock.instant())
              instanceof TradeReconciler.Result.Mismatch) {
            return; // flagged, or not ours to book: nothing more
          }
          Payment paid = repository.lock(outTradeNo).orElseThrow();
          if (paid.isPaid()) {
            settlement.matchChannelTotal(
                paid, ChannelTotal.naming(paid.totalAmount(), outTradeNo, amount, refundedAt));
          }
        });
  }

  private static TradeRef ref(Payment payment, String tradeNo) {
    return new TradeRef(payment.app(), payment.outTradeNo(), tradeNo);
  }
}
