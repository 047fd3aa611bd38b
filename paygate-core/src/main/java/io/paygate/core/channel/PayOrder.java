package io.paygate.core.channel;

import io.paygate.core.money.Money;
import java.time.Instant;

/**
 * What the channel needs to open its cashier for one payment.
 *
 * @param buyer the signed-in buyer the trade is for, when the product needs one (JSAPI); else null
 * @param buyerIp the buyer's IP address as the shop saw it, for a channel that asks for it (a phone
 *     browser's payment at WeChat Pay); else null
 */
public record PayOrder(
    String app,
    String outTradeNo,
    Product product,
    Money totalAmount,
    String subject,
    String body,
    Instant expiresAt,
    Buyer buyer,
    String buyerIp) {

  /** An order without the buyer's IP address. */
  public PayOrder(
      String app,
      String outTradeNo,
      Product product,
      Money totalAmount,
      String subject,
      String body,
      Instant expiresAt,
      Buyer buyer) {
    this(app, outTradeNo, product, totalAmount, subject, body, expiresAt, buyer, null);
  }

  /** An order for no buyer in particular: every product but those that need one. */
  public PayOrder(
      String app,
      String outTradeNo,
      Product product,
      Money totalAmount,
      String subject,
      String body,
      Instant expiresAt) {
    this(app, outTradeNo, product, totalAmount, subject, body, expiresAt, null, null);
  }
}
