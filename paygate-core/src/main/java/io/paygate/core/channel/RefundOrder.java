package io.paygate.core.channel;

import io.paygate.core.money.Money;

/**
 * One refund request to the channel; outRequestNo makes it idempotent there.
 *
 * @param tradeAmount the trade's total, for a channel that wants it with every refund (WeChat Pay);
 *     null when not known
 */
public record RefundOrder(
    String app,
    String outTradeNo,
    String tradeNo,
    String outRequestNo,
    Money refundAmount,
    String reason,
    Money tradeAmount) {

  /** A refund without the trade's total. */
  public RefundOrder(
      String app,
      String outTradeNo,
      String tradeNo,
      String outRequestNo,
      Money refundAmount,
      String reason) {
    this(app, outTradeNo, tradeNo, outRequestNo, refundAmount, reason, null);
  }
}
