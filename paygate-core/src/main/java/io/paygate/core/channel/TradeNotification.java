package io.paygate.core.channel;

import io.paygate.core.money.Money;
import java.time.Instant;

/**
 * A verified asynchronous notification.
 *
 * @param refundFee the trade's cumulative refunded amount, present on refund notifications
 * @param outBizNo the refund's out_request_no on refund notifications, else null
 * @param refundedAt when that refund was made, on refund notifications, else null
 */
public record TradeNotification(
    String notifyId,
    String appId,
    String sellerId,
    ChannelTrade trade,
    Money refundFee,
    String outBizNo,
    Instant refundedAt) {}
