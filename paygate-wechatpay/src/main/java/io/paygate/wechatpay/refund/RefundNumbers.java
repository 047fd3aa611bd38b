package io.paygate.wechatpay.refund;

/**
 * PayGate's refund numbers (out_request_no) are the shop's, unique within one payment, as Alipay's
 * are; WeChat Pay's out_refund_no is unique across the whole merchant. Two payments' refunds both
 * named {@code R00001} would meet at WeChat Pay as one number: the second refused as a changed
 * repeat, and worse, the second's query answered with the first's refund. So the wire number is the
 * payment's number and the refund's, {@code out_trade_no@out_request_no} ('@' is in WeChat's
 * alphabet, never in PayGate's numbers, so the two parts are told apart), at most WeChat's 64
 * characters: when both parts are at their 32, the two side by side without the '@' (exactly 64,
 * split 32 and 32). A number that is neither (a refund made in WeChat Pay's merchant platform) is
 * PayGate's number as it stands.
 */
public final class RefundNumbers {

  /** WeChat Pay's longest out_refund_no. */
  static final int MAX = 64;

  private RefundNumbers() {}

  /** The out_refund_no WeChat Pay is sent for a payment's refund. */
  public static String outRefundNo(String outTradeNo, String outRequestNo) {
    if (outTradeNo == null) {
      return outRequestNo;
    }
    String joined = outTradeNo + "@" + outRequestNo;
    return joined.length() <= MAX ? joined : outTradeNo + outRequestNo;
  }

  /** PayGate's out_request_no for an out_refund_no of the payment's, as WeChat Pay names it. */
  public static String outRequestNo(String outTradeNo, String outRefundNo) {
    if (outTradeNo == null || outRefundNo == null) {
      return outRefundNo;
    }
    if (outRefundNo.startsWith(outTradeNo + "@")) {
      return outRefundNo.substring(outTradeNo.length() + 1);
    }
    if (outRefundNo.length() == MAX
        && outTradeNo.length() == MAX / 2
        && outRefundNo.indexOf('@') < 0
        && outRefundNo.startsWith(outTradeNo)) {
      return outRefundNo.substring(outTradeNo.length());
    }
    return outRefundNo;
  }
}
