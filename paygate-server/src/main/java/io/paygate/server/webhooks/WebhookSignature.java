package io.paygate.server.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code PayGate-Signature} header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256(secret,
 * "<t>.<raw body>")>}, one {@code v1=} per secret that signs (two during a rotation), as Stripe
 * does it.
 */
public final class WebhookSignature {

  public static final String HEADER = "PayGate-Signature";

  private WebhookSignature() {}

  public static String header(long unixSeconds, String body, List<String> secrets) {
    StringBuilder header = new StringBuilder("t=").append(unixSeconds);
    for (String secret : secrets) {
      header.append(",v1=").append(hmac(secret, unixSeconds + "." + body));
    }
    return header.toString();
  }

  static String hmac(String secret, String signed) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
