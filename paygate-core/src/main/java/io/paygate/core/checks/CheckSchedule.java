package io.paygate.core.checks;

import java.time.Instant;

/**
 * Port: when each open payment and pending refund is next checked with the channel. Each is its own
 * persistent, cluster-safe item, so no backlog of others can delay it.
 */
public interface CheckSchedule {

  /** Makes sure the payment is checked no later than {@code at}; an earlier plan stays. */
  void checkPayment(String outTradeNo, Instant at);

  /** Makes sure the refund is checked no later than {@code at}; an earlier plan stays. */
  void checkRefund(String outTradeNo, String outRequestNo, Instant at);

  /**
   * Makes sure the cancel of the payment, unanswered so far, is sent again no later than {@code
   * at}; an earlier plan stays. Its row is the mark that a cancel is in flight.
   */
  void resendCancel(String outTradeNo, Instant at);
}
