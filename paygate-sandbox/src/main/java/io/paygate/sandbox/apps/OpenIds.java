package io.paygate.sandbox.apps;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Buyer open ids of OpenID-mode apps: opaque, 46 characters of [0-9A-Za-z] like Alipay's ({@code
 * 074a1CcTG1LelxKe4xQC0zgNdId0nxi95b5lsNpazWYoCo}), one per buyer and app. Derived from both ids,
 * so they are stable across restarts and instances without being stored, and one buyer looks like
 * two different people to two apps (as at Alipay).
 */
public final class OpenIds {

  static final int LENGTH = 46;
  private static final String ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final BigInteger BASE = BigInteger.valueOf(ALPHABET.length());

  private OpenIds() {}

  public static String of(String appId, String buyerUserId) {
    byte[] digest;
    try {
      digest =
          MessageDigest.getInstance("SHA-384")
              .digest(
                  ("sandbox-open-id:" + appId + ":" + buyerUserId)
                      .getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-384 is part of every JRE", e);
    }
    // Alipay's open ids start with 0; the rest is the digest in base 62 (384 bits give 65 digits).
    StringBuilder out = new StringBuilder("0");
    BigInteger rest = new BigInteger(1, digest);
    while (out.length() < LENGTH) {
      BigInteger[] qr = rest.divideAndRemainder(BASE);
      out.append(ALPHABET.charAt(qr[1].intValue()));
      rest = qr[0];
    }
    return out.toString();
  }
}
