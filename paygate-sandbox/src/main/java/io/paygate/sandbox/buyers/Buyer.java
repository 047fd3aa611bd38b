package io.paygate.sandbox.buyers;

import java.math.BigDecimal;

/**
 * A sandbox Alipay account that pays from its balance.
 *
 * @param authCode the payment code a cashier scans for {@code alipay.trade.pay} (18 digits, 28...)
 */
public record Buyer(
    String logonId, String userId, String payPassword, BigDecimal balance, String authCode) {

  /** Alipay shows buyers masked: {@code abc***@example.com}, {@code 138****5678}. */
  public static String mask(String logonId) {
    int at = logonId.indexOf('@');
    if (at > 0) {
      return logonId.substring(0, Math.min(3, at)) + "***" + logonId.substring(at);
    }
    if (logonId.length() >= 7) {
      return logonId.substring(0, 3) + "****" + logonId.substring(logonId.length() - 4);
    }
    return logonId.charAt(0) + "***";
  }
}
