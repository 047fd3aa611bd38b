package io.paygate.sandbox.buyers;

import java.math.BigDecimal;

/** A sandbox Alipay account that pays from its balance. */
public record Buyer(String logonId, String userId, String payPassword, BigDecimal balance) {

  /** Alipay shows buyers masked: {@code abc***@example.com}, {@code 138****5678}. */
  public String maskedLogonId() {
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
