package io.paygate.sandbox.wire;

import java.security.SecureRandom;

/** Random digit strings for Alipay-shaped identifiers. */
public final class Ids {

  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  public static String digits(int count) {
    StringBuilder out = new StringBuilder(count);
    for (int i = 0; i < count; i++) {
      out.append((char) ('0' + RANDOM.nextInt(10)));
    }
    return out.toString();
  }

  /** Alipay user ids (buyers and sellers): 16 digits starting 2088. */
  public static String userId() {
    return "2088" + digits(12);
  }

  public static String token() {
    byte[] bytes = new byte[18];
    RANDOM.nextBytes(bytes);
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
