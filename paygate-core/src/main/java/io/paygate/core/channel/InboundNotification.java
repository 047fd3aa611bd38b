package io.paygate.core.channel;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a provider posted to PayGate, untouched: its headers, the raw body and its content type. A
 * channel reads it in its own way (a form in a charset the form names, JSON with signed headers, an
 * encrypted resource); the core never does.
 *
 * @param headers the request's headers, by lower-case name (the first value of each)
 * @param body the body's bytes exactly as they arrived, undecoded
 * @param contentType the Content-Type header, or null
 */
public record InboundNotification(Map<String, String> headers, byte[] body, String contentType) {

  public InboundNotification {
    Map<String, String> lower = new TreeMap<>();
    headers.forEach((name, value) -> lower.putIfAbsent(name.toLowerCase(Locale.ROOT), value));
    headers = Map.copyOf(lower);
    body = body.clone();
  }

  /** The header's value, whatever the case of its name, or null. */
  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof InboundNotification that
        && headers.equals(that.headers)
        && Arrays.equals(body, that.body)
        && java.util.Objects.equals(contentType, that.contentType);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(headers, Arrays.hashCode(body), contentType);
  }

  @Override
  public String toString() {
    return "InboundNotification[" + contentType + ", " + body.length + " bytes]";
  }
}
