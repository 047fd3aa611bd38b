package io.paygate.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.paygate.client.Models.Event;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a webhook before a shop believes it. The {@code PayGate-Signature} header is {@code
 * t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>}, with one {@code v1} per secret
 * during a rotation. A webhook is genuine when one {@code v1} matches one of your secrets (compared
 * in constant time) and {@code t} is within the tolerance of your clock (so a recorded webhook
 * cannot be replayed later).
 *
 * <pre>{@code
 * Event event = WebhookVerifier.verify(rawBody, request.getHeader("PayGate-Signature"),
 *     List.of(secret), Duration.ofMinutes(5));
 * }</pre>
 */
public final class WebhookVerifier {

  public static final String HEADER = "PayGate-Signature";
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  private WebhookVerifier() {}

  /** A webhook that is not PayGate's, or not now: answer it 400 and do nothing. */
  public static final class InvalidSignature extends RuntimeException {
    InvalidSignature(String why) {
      super(why);
    }
  }

  public static Event verify(String rawBody, String signatureHeader, List<String> secrets) {
    return verify(rawBody, signatureHeader, secrets, DEFAULT_TOLERANCE, Clock.systemUTC());
  }

  public static Event verify(
      String rawBody, String signatureHeader, List<String> secrets, Duration tolerance) {
    return verify(rawBody, signatureHeader, secrets, tolerance, Clock.systemUTC());
  }

  /**
   * The event, if the webhook is genuine and recent; else {@link InvalidSignature}.
   *
   * @param rawBody the body exactly as received, before any JSON parsing
   */
  public static Event verify(
      String rawBody,
      String signatureHeader,
      List<String> secrets,
      Duration tolerance,
      Clock clock) {
    if (rawBody == null || signatureHeader == null || secrets == null || secrets.isEmpty()) {
      throw new InvalidSignature("no body, no " + HEADER + " header, or no secret to check with");
    }
    Long timestamp = null;
    List<byte[]> signatures = new ArrayList<>();
    for (String part : signatureHeader.split(",")) {
      String item = part.trim();
      if (item.startsWith("t=")) {
        try {
          timestamp = Long.parseLong(item.substring(2));
        } catch (NumberFormatException e) {
          throw new InvalidSignature("the timestamp is not a number");
        }
      } else if (item.startsWith("v1=")) {
        signatures.add(item.substring(3).getBytes(StandardCharsets.US_ASCII));
      }
    }
    if (timestamp == null || signatures.isEmpty()) {
      throw new InvalidSignature(HEADER + " has no t= or no v1=");
    }
    Instant signedAt = Instant.ofEpochSecond(timestamp);
    if (Duration.between(signedAt, clock.instant()).abs().compareTo(tolerance) > 0) {
      throw new InvalidSignature("signed at " + signedAt + ", outside the tolerance " + tolerance);
    }
    byte[] signed = (timestamp + "." + rawBody).getBytes(StandardCharsets.UTF_8);
    boolean genuine = false;
    for (String secret : secrets) {
      byte[] expected = hmac(secret, signed);
      for (byte[] signature : signatures) {
        genuine |= MessageDigest.isEqual(expected, signature);
      }
    }
    if (!genuine) {
      throw new InvalidSignature("no v1 signature matches a secret");
    }
    try {
      JsonNode event = Json.MAPPER.readTree(rawBody);
      return Json.MAPPER.treeToValue(event, Event.class);
    } catch (IOException e) {
      throw new InvalidSignature("the signed body is not an event");
    }
  }

  private static byte[] hmac(String secret, byte[] signed) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(signed)).getBytes(StandardCharsets.US_ASCII);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
