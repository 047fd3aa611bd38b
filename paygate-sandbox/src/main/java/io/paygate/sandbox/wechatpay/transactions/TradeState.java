package io.paygate.sandbox.wechatpay.transactions;

/**
 * An order's {@code trade_state}: NOTPAY → SUCCESS (paid) or CLOSED (closed unpaid); SUCCESS →
 * REFUND once a refund is accepted. A passed {@code time_expire} stops payment without changing the
 * state, as at WeChat Pay.
 */
public enum TradeState {
  NOTPAY("订单未支付"),
  SUCCESS("支付成功"),
  REFUND("转入退款"),
  CLOSED("订单已关闭");

  private final String description;

  TradeState(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }

  public boolean paid() {
    return this == SUCCESS || this == REFUND;
  }
}
