package io.paygate.server.checkout;

import java.util.List;
import java.util.Locale;

/**
 * Where the buyer opened the cashier, told by the browser's User-Agent: the one place that decides
 * which way {@code /checkout/{no}} opens.
 */
public enum BuyerDevice {
  /** Inside the Alipay app (its web view says {@code AlipayClient}): sign in, then JSAPI pay. */
  ALIPAY_APP,
  /**
   * Inside WeChat (its browser says {@code MicroMessenger}; a mini-program's web-view adds {@code
   * miniProgram}): WeChat's OAuth for the buyer's openid, then JSAPI pay by WeixinJSBridge.
   */
  WECHAT,
  /** A phone's (or tablet's) browser: Alipay's wap cashier, which hands over to the app. */
  PHONE,
  /** Anything else, a desktop browser: a QR code to scan, or Alipay's page cashier. */
  DESKTOP;

  /** Words only phone and tablet browsers put in their User-Agent. */
  private static final List<String> PHONE_WORDS =
      List.of("mobile", "android", "iphone", "ipod", "ipad", "harmonyos", "windows phone");

  public static BuyerDevice of(String userAgent) {
    if (userAgent == null || userAgent.isBlank()) {
      return DESKTOP;
    }
    if (userAgent.contains("AlipayClient")) {
      return ALIPAY_APP;
    }
    if (userAgent.contains("MicroMessenger") || userAgent.contains("miniProgram")) {
      return WECHAT;
    }
    String ua = userAgent.toLowerCase(Locale.ROOT);
    return PHONE_WORDS.stream().anyMatch(ua::contains) ? PHONE : DESKTOP;
  }
}
