package io.paygate.sandbox.gateway;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a gateway request's parameters from the query string and the form body as one set, decoding
 * the raw bytes with the request's own {@code charset} parameter (a GBK request percent-encodes GBK
 * bytes; the servlet container's default decoding would garble them).
 */
public final class GatewayParams {

  private GatewayParams() {}

  /** Parameters in arrival order, and the charset name the request declared (may be null). */
  public record Read(Map<String, String> params, String declaredCharset) {}

  public static Read read(HttpServletRequest request, Charset fallback) throws IOException {
    List<String[]> raw = new ArrayList<>();
    split(request.getQueryString(), raw);
    boolean form =
        request.getContentType() != null
            && request
                .getContentType()
                .toLowerCase()
                .startsWith("application/x-www-form-urlencoded");
    if (form) {
      byte[] body = request.getInputStream().readAllBytes();
      split(new String(body, StandardCharsets.ISO_8859_1), raw);
    }
    String declared = null;
    for (String[] pair : raw) {
      if (pair[0].equals("charset")) {
        declared = decode(pair[1], StandardCharsets.US_ASCII);
      }
    }
    Charset charset = GatewayCharsets.of(declared).orElse(fallback);
    Map<String, String> params = new LinkedHashMap<>();
    for (String[] pair : raw) {
      params.put(decode(pair[0], charset), decode(pair[1], charset));
    }
    if (form) {
      // Something upstream (a filter) already consumed the body: use the container's view.
      request.getParameterMap().forEach((k, v) -> params.putIfAbsent(k, v.length > 0 ? v[0] : ""));
    }
    return new Read(params, declared);
  }

  /**
   * Parameters of one URL-encoded string that carries everything (an app-pay order string, as
   * {@code sdkExecute} builds it), decoded in the charset it names (utf-8 when it names none).
   */
  public static Read parse(String encoded) {
    List<String[]> raw = new ArrayList<>();
    split(encoded, raw);
    String declared = null;
    for (String[] pair : raw) {
      if (pair[0].equals("charset")) {
        declared = decode(pair[1], StandardCharsets.US_ASCII);
      }
    }
    Charset charset = GatewayCharsets.of(declared).orElse(StandardCharsets.UTF_8);
    Map<String, String> params = new LinkedHashMap<>();
    for (String[] pair : raw) {
      params.put(decode(pair[0], charset), decode(pair[1], charset));
    }
    return new Read(params, declared);
  }

  private static void split(String encoded, List<String[]> out) {
    if (encoded == null || encoded.isEmpty()) {
      return;
    }
    for (String part : encoded.split("&")) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      out.add(
          eq < 0
              ? new String[] {part, ""}
              : new String[] {part.substring(0, eq), part.substring(eq + 1)});
    }
  }

  /**
   * Percent-decoding over bytes: {@code +} is a space, {@code %XX} a byte, others themselves. A raw
   * byte above 0x7f and a {@code %} not followed by two hex digits are escaped first, so the JDK's
   * decoder takes them as bytes too (it would keep the one as a char and refuse the other).
   */
  static String decode(String latin1, Charset charset) {
    StringBuilder escaped = new StringBuilder(latin1.length());
    for (int i = 0; i < latin1.length(); i++) {
      char c = latin1.charAt(i);
      if (c == '%' && !(i + 2 < latin1.length() && isHex(latin1, i + 1) && isHex(latin1, i + 2))) {
        escaped.append("%25");
      } else if (c > 0x7f) {
        escaped.append('%').append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
      } else {
        escaped.append(c);
      }
    }
    return URLDecoder.decode(escaped.toString(), charset);
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private static boolean isHex(String s, int i) {
    return Character.digit(s.charAt(i), 16) >= 0;
  }
}
