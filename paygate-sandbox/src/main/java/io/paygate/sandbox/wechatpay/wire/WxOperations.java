package io.paygate.sandbox.wechatpay.wire;

import java.util.List;

/**
 * The offline WeChat Pay's APIs by the names fault rules use in {@code methods} (the sandbox's
 * names; WeChat Pay names its APIs by path only).
 */
public final class WxOperations {

  public static final String NATIVE = "wechatpay.transactions.native";
  public static final String JSAPI = "wechatpay.transactions.jsapi";
  public static final String H5 = "wechatpay.transactions.h5";
  public static final String APP = "wechatpay.transactions.app";
  public static final String QUERY = "wechatpay.transactions.query";
  public static final String CLOSE = "wechatpay.transactions.close";
  public static final String REFUND = "wechatpay.refunds.create";
  public static final String REFUND_QUERY = "wechatpay.refunds.query";
  public static final String CERTIFICATES = "wechatpay.certificates";
  public static final String BILLS = "wechatpay.bills";

  public static final List<String> ALL =
      List.of(NATIVE, JSAPI, H5, APP, QUERY, CLOSE, REFUND, REFUND_QUERY, CERTIFICATES, BILLS);

  private WxOperations() {}
}
