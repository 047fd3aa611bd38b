package io.paygate.sandbox.gateway;

/** An Alipay error answer: gateway code + msg, and the sub_code/sub_msg merchants branch on. */
public record GatewayError(String code, String msg, String subCode, String subMsg) {

  public static GatewayError missing(String subCode, String subMsg) {
    return new GatewayError("40001", "Missing Required Arguments", subCode, subMsg);
  }

  public static GatewayError invalid(String subCode, String subMsg) {
    return new GatewayError("40002", "Invalid Arguments", subCode, subMsg);
  }

  public static GatewayError business(String subCode, String subMsg) {
    return new GatewayError("40004", "Business Failed", subCode, subMsg);
  }

  public static GatewayError invalidParameter(String detail) {
    return business("ACQ.INVALID_PARAMETER", "参数无效 " + detail);
  }

  public static final GatewayError TRADE_NOT_EXIST = business("ACQ.TRADE_NOT_EXIST", "交易不存在");
  public static final GatewayError TRADE_STATUS_ERROR =
      business("ACQ.TRADE_STATUS_ERROR", "交易状态不合法");
  public static final GatewayError TRADE_HAS_CLOSE = business("ACQ.TRADE_HAS_CLOSE", "交易已经关闭");
  public static final GatewayError TRADE_HAS_SUCCESS = business("ACQ.TRADE_HAS_SUCCESS", "交易已被支付");
  public static final GatewayError TRADE_HAS_FINISHED = business("ACQ.TRADE_HAS_FINISHED", "交易已完结");
  public static final GatewayError CONTEXT_INCONSISTENT =
      business("ACQ.CONTEXT_INCONSISTENT", "交易信息被篡改");
  public static final GatewayError TOTAL_FEE_EXCEED = business("ACQ.TOTAL_FEE_EXCEED", "订单总金额超过限额");
}
