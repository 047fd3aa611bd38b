package io.paygate.core.checks;

import java.time.Duration;

/**
 * How long to wait before the next check of an item that is still open: short at first (a lost
 * notification is found within a minute or two), then doubling to a cap, so abandoned carts cost
 * few queries and never crowd out the rest.
 */
public final class Backoff {

  public static final Duration FIRST_PAYMENT_CHECK = Duration.ofMinutes(1);

  static final Duration PAYMENT_CAP = Duration.ofMinutes(30);
  static final Duration REFUND_CAP = Duration.ofHours(1);

  private Backoff() {}

  /**
   * The wait before check number {@code attempts + 1} of a payment: 1 min after creation, then 2,
   * 4, 8, 16 and every 30 min.
   */
  public static Duration payment(int attempts) {
    return doubled(FIRST_PAYMENT_CHECK, attempts, PAYMENT_CAP);
  }

  /**
   * The wait before check number {@code attempts + 1} of a refund: the channel's pause after an
   * unknown answer ({@code pause}, see {@code ChannelRules.refundQueryPause}), then 1, 2, 4 … min,
   * at most an hour apart.
   */
  public static Duration refund(int attempts, Duration pause) {
    return attempts == 0 ? pause : doubled(Duration.ofMinutes(1), attempts - 1, REFUND_CAP);
  }

  private static Duration doubled(Duration first, int attempts, Duration cap) {
    if (attempts >= 20) {
      return cap;
    }
    Duration wait = first.multipliedBy(1L << Math.max(0, attempts));
    return wait.compareTo(cap) > 0 ? cap : wait;
  }
}
