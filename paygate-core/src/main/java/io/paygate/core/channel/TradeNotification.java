package io.paygate.core.channel;

import io.paygate.core.money.Money;
import java.time.Instant;

/**
 * A verified asynchronous notification: what the channel says about one of our trades (the channel
 * has already checked it was sent to our merchant account).
 *
 * @param refundedTotal the channel's cumulative refunded amount for the trade, present on refund
 *     notifications, else null
 * @param refundNo the number of the refund the notification is about, on refund notifications, else
 *     null
 * @param refundedAt when that refund was made, on refund notifications, else null
 * @param refundAmount that refund's own amount, from a channel whose refund notifications name it
 *     (and carry no refunded total), else null
 */
public record TradeNotification(
    String notifyId,
    ChannelTrade trade,
    Money refundedTotal,
    String refundNo,
    Instant refundedAt,
    Money refundAmount) {

  /** A notification naming no refund amount of its own. */
  public TradeNotification(
      String notifyId,
      ChannelTrade trade,
      Money refundedTotal,
      String refundNo,
      Instant refundedAt) {
    this(notifyId, trade, refundedTotal, refundNo, refundedAt, null);
  }
}
