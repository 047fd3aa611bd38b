package io.paygate.core.payments;

import io.paygate.core.channel.Product;
import io.paygate.core.money.Money;

/**
 * A request to take a payment.
 *
 * @param outTradeNo the merchant's own number, or null to have one generated
 * @param body an optional description
 * @param app the merchant's app to take it with, or null for the default app
 */
public record NewPayment(
    Money totalAmount,
    String subject,
    String body,
    Product product,
    String outTradeNo,
    String app) {

  /** With the default app. */
  public NewPayment(
      Money totalAmount, String subject, String body, Product product, String outTradeNo) {
    this(totalAmount, subject, body, product, outTradeNo, null);
  }
}
