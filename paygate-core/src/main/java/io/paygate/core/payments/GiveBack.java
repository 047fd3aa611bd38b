package io.paygate.core.payments;

import io.paygate.core.money.Money;
import java.time.Instant;

/**
 * What the payments ask of the refunds when money arrives for a payment they had closed: give it
 * back. A port, so that refunds know payments and not the other way round.
 */
public interface GiveBack {

  /**
   * Plans the refund of money paid after a close, unless one was planned already. Called with the
   * payment's row lock held.
   */
  void planRefund(Payment locked, Money amount, Instant now);

  /**
   * After that refund was refused (most often because part of it was refunded at the channel
   * meanwhile), plans a refund of what is left, within a bounded number of tries. Called with the
   * payment's row lock held.
   *
   * @return true when a refund was planned
   */
  boolean planRefundOfTheRest(Payment locked, Instant now);
}
