package io.paygate.core.channel;

import io.paygate.core.money.Money;

/**
 * A verified asynchronous notification.
 *
 * @param refundFee the trade's cumulative refunded amount, present on refund notifications
 * @param outBizNo the refund's out_request_no on refund notifications, else null
 */
public record TradeNotification(
    String notifyId,
    String appId,
    String sellerId,
    ChannelTrade trade,
    Money refundFee,
    String outBizNo) {}
