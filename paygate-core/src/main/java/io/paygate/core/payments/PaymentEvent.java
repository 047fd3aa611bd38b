package io.paygate.core.payments;

/** What happened to a payment; each carries the payment as it stands after the change. */
public sealed interface PaymentEvent extends BookEvent {

  Payment payment();

  @Override
  default String outTradeNo() {
    return payment().outTradeNo();
  }

  @Override
  default boolean toldToTheShop() {
    return true;
  }

  /** A new payment was stored (counted, not told). */
  record Created(Payment payment) implements PaymentEvent {
    @Override
    public boolean toldToTheShop() {
      return false;
    }
  }

  /**
   * The buyer paid.
   *
   * @param fulfil whether the shop is told it succeeded (the event it fulfils on): not for money
   *     paid after the shop was told the payment is closed, nor for money the channel has given
   *     back already; the shop hears of those as needing attention, then refunded
   */
  record Paid(Payment payment, boolean fulfil) implements PaymentEvent {
    public Paid(Payment payment) {
      this(payment, true);
    }

    /** The same fact, not told to the shop as a success. */
    public Paid quietly() {
      return new Paid(payment, false);
    }
  }

  /** Closed unpaid, or failed with nothing charged: over for the shop either way. */
  record Closed(Payment payment) implements PaymentEvent {}

  /** Refunds were booked: in part, or in full ({@code payment().status()} tells). */
  record Refunded(Payment payment) implements PaymentEvent {
    public boolean inFull() {
      return payment.status() == PaymentStatus.REFUNDED;
    }
  }

  /** The payment was flagged for an operator ({@code payment().attention()} says why). */
  record AttentionRaised(Payment payment) implements PaymentEvent {}
}
