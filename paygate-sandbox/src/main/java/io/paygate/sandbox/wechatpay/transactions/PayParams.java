package io.paygate.sandbox.wechatpay.transactions;

import io.paygate.sandbox.problems.SandboxProblem;
import io.paygate.sandbox.wechatpay.keys.WxKeys;
import io.paygate.sandbox.wechatpay.merchants.Merchant;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * The pay parameters a merchant's front end hands the WeChat client (JSAPI {@code
 * getBrandWCPayRequest} / {@code wx.requestPayment}, or the App SDK's {@code PayReq}), checked as
 * the client checks them: they name this order's prepay_id and appid and carry the merchant's
 * SHA256withRSA signature. Native and H5 orders take none.
 */
final class PayParams {

  private PayParams() {}

  static void check(Merchant merchant, Transaction t, Map<String, String> p) {
    switch (t.tradeType()) {
      case JSAPI -> {
        require(t.appid().equals(p.get("appId")), "appId is not the order's appid.");
        require(
            ("prepay_id=" + t.prepayId()).equals(p.get("package")),
            "package is not prepay_id=<this order's prepay_id>.");
        require("RSA".equals(p.get("signType")), "signType must be RSA.");
        signed(
            merchant,
            p.get("appId")
                + "\n"
                + p.get("timeStamp")
                + "\n"
                + p.get("nonceStr")
                + "\n"
                + p.get("package")
                + "\n",
            p.get("paySign"));
      }
      case APP -> {
        require(t.appid().equals(p.get("appid")), "appid is not the order's appid.");
        require(merchant.mchid().equals(p.get("partnerid")), "partnerid is not the mchid.");
        require(t.prepayId().equals(p.get("prepayid")), "prepayid is not this order's.");
        require("Sign=WXPay".equals(p.get("package")), "package must be Sign=WXPay.");
        signed(
            merchant,
            p.get("appid")
                + "\n"
                + p.get("timestamp")
                + "\n"
                + p.get("noncestr")
                + "\n"
                + p.get("prepayid")
                + "\n",
            p.get("sign"));
      }
      default -> throw invalid("Native and H5 orders take no pay_params.");
    }
  }

  private static void signed(Merchant merchant, String message, String signature) {
    require(
        signature != null
            && WxKeys.verify(
                WxKeys.certificateKey(merchant.merchantCertificate()), message, signature),
        "the signature does not verify with the merchant's API certificate.");
  }

  private static void require(boolean ok, String why) {
    if (!ok) {
      throw invalid(why);
    }
  }

  private static SandboxProblem invalid(String why) {
    return new SandboxProblem(
        HttpStatus.BAD_REQUEST, "INVALID_PAY_PARAMS", "pay_params: " + why, "pay_params");
  }
}
