package io.paygate.core.channel;

import io.paygate.core.money.Money;
import java.time.Instant;

/** A trade as the channel knows it (from a query or a verified notification). */
public record ChannelTrade(
    String outTradeNo,
    String tradeNo,
    TradeState status,
    Money totalAmount,
    String buyerLogonId,
    String buyerId,
    Instant paidAt) {}
