package io.paygate.core.payments;

import static io.paygate.core.payments.PaymentStatus.CLOSED;
import static io.paygate.core.payments.PaymentStatus.FAILED;
import static io.paygate.core.payments.PaymentStatus.PAID;
import static io.paygate.core.payments.PaymentStatus.PARTIALLY_REFUNDED;
import static io.paygate.core.payments.PaymentStatus.PENDING;
import static io.paygate.core.payments.PaymentStatus.REFUNDED;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;

/**
 * The payment state machine, whole. Each transition names the statuses it may start from; the
 * repository applies it as a conditional update, so applying it twice changes nothing the second
 * time. Beside each, the fact it announces when it changes a payment.
 */
public enum PaymentTransition {
  /**
   * The channel confirms the buyer paid. From CLOSED too: a payment closed locally while no trade
   * existed can still be paid by a buyer who had the cashier open, and that money is real. From
   * FAILED for the same reason: money that arrives is booked, never dropped.
   */
  CONFIRM_PAID(EnumSet.of(PENDING, CLOSED, FAILED), PAID, PaymentEvent.Paid::new),
  /** The merchant or the channel closed an unpaid payment. */
  CLOSE(EnumSet.of(PENDING), CLOSED, PaymentEvent.Closed::new),
  /**
   * The channel refused the charge and its trade is ended (cancelled, or never made): nothing was
   * charged (a barcode payment).
   */
  FAIL(EnumSet.of(PENDING), FAILED, PaymentEvent.Closed::new),
  /** Some, not all, of the paid amount went back to the buyer. */
  REFUND_PART(EnumSet.of(PAID, PARTIALLY_REFUNDED), PARTIALLY_REFUNDED, PaymentEvent.Refunded::new),
  /** All of the paid amount went back to the buyer. */
  REFUND_ALL(EnumSet.of(PAID, PARTIALLY_REFUNDED), REFUNDED, PaymentEvent.Refunded::new);

  /**
   * Whether a new refund may be asked for: a status a refund starts from, and a trade the channel
   * has not finished. A finished trade (Alipay's TRADE_FINISHED: the refund period is over, or the
   * product never allowed refunds) keeps its status, PAID or PARTIALLY_REFUNDED, and is flagged by
   * {@link Payment#finishedAt()}, set once by {@link PaymentRepository#markFinished}: from then on
   * the channel would refuse a refund, so we refuse it first. Refunds made before the finish still
   * book as they arrive.
   */
  public static boolean allowsNewRefund(Payment payment) {
    return REFUND_PART.canStartFrom(payment.status()) && !payment.isFinished();
  }

  private final Set<PaymentStatus> from;
  private final PaymentStatus to;
  private final Function<Payment, PaymentEvent> fact;

  PaymentTransition(
      Set<PaymentStatus> from, PaymentStatus to, Function<Payment, PaymentEvent> fact) {
    this.from = from;
    this.to = to;
    this.fact = fact;
  }

  /** The fact this transition announces, about the payment as it changed it. */
  public PaymentEvent announces(Payment after) {
    return fact.apply(after);
  }

  public Set<PaymentStatus> from() {
    return from;
  }

  public PaymentStatus to() {
    return to;
  }

  public boolean canStartFrom(PaymentStatus status) {
    return from.contains(status);
  }
}
