package io.paygate.sandbox.wechatpay.refunds;

import java.time.Instant;

/** A refund (退款) of a paid order; amounts in fen. */
public record Refund(
    long id,
    String mchid,
    String refundId,
    String outRefundNo,
    String outTradeNo,
    String transactionId,
    String reason,
    String notifyUrl,
    long refundFen,
    long totalFen,
    String status,
    Instant createdAt,
    Instant successAt) {}
