package io.paygate.sandbox.wechatpay.transactions;

import java.time.Instant;

/**
 * A prepay order and, once paid, its transaction. Amounts in fen.
 *
 * @param payerOpenid the JSAPI order's {@code payer.openid} (null for the other kinds)
 * @param fingerprint the prepay's parameters, to tell a repeat from a changed re-entry
 * @param paidOpenid who paid, at the order's appid
 */
public record Transaction(
    long id,
    String mchid,
    String appid,
    String outTradeNo,
    TradeType tradeType,
    String description,
    String attach,
    String notifyUrl,
    long totalFen,
    String payerOpenid,
    String fingerprint,
    String prepayId,
    String codeUrl,
    Instant timeExpire,
    TradeState tradeState,
    String transactionId,
    String paidOpenid,
    Long payerId,
    Instant successAt,
    long refundedFen,
    Instant createdAt) {}
