package io.paygate.sandbox.trades;

import java.math.BigDecimal;
import java.time.Instant;

/** A merchant order (status ORDER) and, once the buyer has opened it, the Alipay trade. */
public record Trade(
    long id,
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
    String charset,
    String cashierToken,
    Instant expiresAt,
    Instant createdAt,
    String tradeNo,
    TradeStatus status,
    String buyerLogonId,
    String buyerUserId,
    Instant openedAt,
    Instant paidAt,
    Instant closedAt,
    BigDecimal refundedAmount) {

  /** Before the buyer scans or logs in there is no trade at Alipay, only the order. */
  public boolean opened() {
    return status.opened();
  }

  public boolean isWap() {
    return "alipay.trade.wap.pay".equals(method);
  }

  /**
   * Which statuses notify for this product (protocol notes 5.3): page pay and face to face only on
   * success; wap, app pay and JSAPI (trade.create) also when the trade finishes or closes.
   */
  public boolean notifies(TradeStatus target) {
    if (!target.opened()) {
      return false;
    }
    if (target == TradeStatus.TRADE_SUCCESS) {
      return true;
    }
    boolean allStatuses =
        isWap()
            || "alipay.trade.app.pay".equals(method)
            || PageOrderRules.JSAPI.equals(productCode);
    return allStatuses && target != TradeStatus.WAIT_BUYER_PAY;
  }
}
