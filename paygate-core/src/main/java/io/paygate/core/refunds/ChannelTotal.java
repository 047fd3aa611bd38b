package io.paygate.core.refunds;

import io.paygate.core.money.Money;
import java.time.Instant;

/**
 * The channel's cumulative refunded total of a trade, and what its source says beside it.
 *
 * @param refundNo the number of the refund the source is about, or null
 * @param refundAmount that refund's exact amount when known (a refund query by its number, a bill
 *     line), else null
 * @param refundedAt when that refund was made, or null when the source does not say (now, then)
 * @param fresh whether the figure is current (a refund answer, the bill); a notification's may be
 *     older than what we know already, delivered out of order
 */
public record ChannelTotal(
    Money total, String refundNo, Money refundAmount, Instant refundedAt, boolean fresh) {

  /** A current figure that names no refund. */
  public static ChannelTotal current(Money total) {
    return new ChannelTotal(total, null, null, null, true);
  }

  /** A current figure from a source that names one refund, with its exact amount. */
  public static ChannelTotal naming(
      Money total, String refundNo, Money refundAmount, Instant refundedAt) {
    return new ChannelTotal(total, refundNo, refundAmount, refundedAt, true);
  }

  /** A notification's figure: maybe older than ours, naming the refund it is about. */
  public static ChannelTotal notified(
      Money total, String refundNo, Money refundAmount, Instant refundedAt) {
    return new ChannelTotal(total, refundNo, refundAmount, refundedAt, false);
  }
}
