package io.paygate.core.checks;

import java.time.Duration;
import java.time.Instant;

/**
 * Port: when each open payment and pending refund is next checked with the channel. Each is its own
 * persistent, cluster-safe item, so no backlog of others can delay it.
 *
 * <p>Inside a transaction a row is written in it: whatever is put in flight gets its row in the
 * transaction that records it as pending, before any call leaves the process, so a crash mid-call
 * leaves the item watched. A row being worked on by a check is left to that check.
 */
public interface CheckSchedule {

  /**
   * How soon after a call leaves the process its item is checked, if no answer moves its row first
   * (the first check of a new payment too).
   */
  default Duration firstCheck() {
    return Backoff.FIRST_PAYMENT_CHECK;
  }

  /** Makes sure the payment is checked no later than {@code at}; an earlier plan stays. */
  void checkPayment(String outTradeNo, Instant at);

  /** Makes sure the refund is checked no later than {@code at}; an earlier plan stays. */
  void checkRefund(String outTradeNo, String outRequestNo, Instant at);

  /**
   * The first check of a payment stored in this transaction: it cannot have a row yet, so its row
   * is written without looking for one first.
   */
  default void checkNewPayment(String outTradeNo, Instant at) {
    checkPayment(outTradeNo, at);
  }

  /**
   * The first check of a refund booked in this transaction: it cannot have a row yet, so its row is
   * written without looking for one first.
   */
  default void checkNewRefund(String outTradeNo, String outRequestNo, Instant at) {
    checkRefund(outTradeNo, outRequestNo, at);
  }

  /**
   * The refund's call was answered but left it unknown: its check moves to {@code at} (the backoff
   * from the answer), earlier or later than planned.
   */
  void moveRefund(String outTradeNo, String outRequestNo, Instant at);

  /** The refund's answer settled it: its check row goes. */
  void forgetRefund(String outTradeNo, String outRequestNo);

  /**
   * Makes sure the cancel of the payment, unanswered so far, is sent again no later than {@code
   * at}; an earlier plan stays. Its row is the mark that a cancel is in flight.
   */
  void resendCancel(String outTradeNo, Instant at);

  /** The cancel was answered (done or refused): nothing is in flight, its row goes. */
  void forgetCancel(String outTradeNo);
}
