package io.paygate.sandbox.wechatpay.transactions;

/** The prepay APIs and the {@code trade_type} each makes (H5 is {@code MWEB} on the wire). */
public enum TradeType {
  NATIVE("native"),
  JSAPI("jsapi"),
  MWEB("h5"),
  APP("app");

  private final String path;

  TradeType(String path) {
    this.path = path;
  }

  /** The last segment of {@code /v3/pay/transactions/{path}}. */
  public String path() {
    return path;
  }
}
