package io.paygate.core.payments;

import io.paygate.core.channel.Buyer;
import io.paygate.core.channel.Product;
import io.paygate.core.money.Money;

/**
 * A request to take a payment.
 *
 * @param outTradeNo the merchant's own number, or null to have one generated
 * @param body an optional description
 * @param app the merchant's app to take it with, or null for the default app
 * @param buyer the signed-in buyer, for a product that needs one (JSAPI); else null
 * @param channel the id of the payment channel to take it through, or null for the default one
 */
public record NewPayment(
    Money totalAmount,
    String subject,
    String body,
    Product product,
    String outTradeNo,
    String app,
    Buyer buyer,
    String channel) {

  /** Through the default channel. */
  public NewPayment(
      Money totalAmount,
      String subject,
      String body,
      Product product,
      String outTradeNo,
      String app,
      Buyer buyer) {
    this(totalAmount, subject, body, product, outTradeNo, app, buyer, null);
  }

  /** For no buyer in particular. */
  public NewPayment(
      Money totalAmount,
      String subject,
      String body,
      Product product,
      String outTradeNo,
      String app) {
    this(totalAmount, subject, body, product, outTradeNo, app, null);
  }

  /** With the default app. */
  public NewPayment(
      Money totalAmount, String subject, String body, Product product, String outTradeNo) {
    this(totalAmount, subject, body, product, outTradeNo, null);
  }
}
