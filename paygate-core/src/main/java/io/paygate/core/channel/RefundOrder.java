package io.paygate.core.channel;

import io.paygate.core.money.Money;

/** One refund request to the channel; outRequestNo makes it idempotent there. */
public record RefundOrder(
    String app,
    String outTradeNo,
    String tradeNo,
    String outRequestNo,
    Money refundAmount,
    String reason) {}
