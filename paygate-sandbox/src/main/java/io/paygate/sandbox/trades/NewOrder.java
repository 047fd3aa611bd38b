package io.paygate.sandbox.trades;

import java.math.BigDecimal;

/** A validated page/wap pay request, as the browser posted it. */
public record NewOrder(
    String appId,
    String outTradeNo,
    String method,
    String productCode,
    BigDecimal totalAmount,
    String subject,
    String body,
    String passbackParams,
    String notifyUrl,
    String returnUrl,
    String charset) {

  /** Same out_trade_no again joins the order only if the key data match. */
  public boolean sameAs(Trade trade) {
    return method.equals(trade.method())
        && productCode.equals(trade.productCode())
        && totalAmount.compareTo(trade.totalAmount()) == 0
        && subject.equals(trade.subject())
        && java.util.Objects.equals(body, trade.body());
  }
}
