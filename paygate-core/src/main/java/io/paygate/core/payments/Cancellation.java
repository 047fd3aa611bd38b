package io.paygate.core.payments;

/** A cancel's outcome: answered by the channel and booked, or still in flight. */
public sealed interface Cancellation {

  /** The payment as the books hold it now. */
  Payment payment();

  /**
   * The channel answered and the books follow it.
   *
   * @param action {@code close} (it was unpaid) or {@code refund} (it was paid and all went back)
   */
  record Done(Payment payment, String action) implements Cancellation {}

  /**
   * The channel did not answer: the trade may or may not be cancelled yet. The payment is as it
   * was; the cancel is sent again under the same out_trade_no until the channel answers.
   */
  record InFlight(Payment payment) implements Cancellation {}
}
