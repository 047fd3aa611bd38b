package io.paygate.alipay.notify;

import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decodes form-encoded text ourselves, in the charset the sender names in its own {@code charset}
 * parameter (Alipay may send GBK), instead of trusting a container's default decoding. Names and
 * the charset value are ASCII, so the charset can be read before anything else is decoded.
 */
public final class RawFormParameters {

  private RawFormParameters() {}

  /**
   * A raw form body's parameters. Percent-encoded form bytes are ASCII, so reading them as
   * ISO-8859-1 loses nothing; each value is then decoded in the charset the form names.
   */
  public static Map<String, String> parse(byte[] body) {
    return parse(new String(body, StandardCharsets.ISO_8859_1));
  }

  /** The form's parameters, decoded; the first occurrence of a name wins. */
  public static Map<String, String> parse(String encoded) {
    Charset charset = charsetOf(encoded);
    Map<String, String> parameters = new LinkedHashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return parameters;
    }
    for (String pair : encoded.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals), charset);
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1), charset);
      parameters.putIfAbsent(name, value);
    }
    return parameters;
  }

  static Charset charsetOf(String encoded) {
    if (encoded != null) {
      for (String pair : encoded.split("&")) {
        if (pair.regionMatches(true, 0, "charset=", 0, "charset=".length())) {
          String name =
              URLDecoder.decode(pair.substring("charset=".length()), StandardCharsets.UTF_8);
          try {
            return Charset.forName(name.trim());
          } catch (IllegalCharsetNameException | UnsupportedCharsetException unknown) {
            return StandardCharsets.UTF_8;
          }
        }
      }
    }
    return StandardCharsets.UTF_8;
  }

  private static String decode(String text, Charset charset) {
    try {
      return URLDecoder.decode(text, charset);
    } catch (IllegalArgumentException malformed) {
      // A broken escape: keep the text as it came; the signature check will refuse it.
      return text;
    }
  }
}
