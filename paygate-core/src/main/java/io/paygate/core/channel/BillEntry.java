package io.paygate.core.channel;

import io.paygate.core.money.Money;
import java.time.Instant;

/**
 * One line of a channel's bill.
 *
 * @param outRequestNo the refund's request number, for refunds; null for payments
 * @param amount the payment's total, or the refund's amount; always positive
 * @param finishedAt when the payment was paid or the refund made
 */
public record BillEntry(
    Kind kind,
    String tradeNo,
    String outTradeNo,
    String outRequestNo,
    Money amount,
    Instant finishedAt) {

  public enum Kind {
    PAYMENT,
    REFUND
  }
}
