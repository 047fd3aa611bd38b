package io.paygate.alipay.gateway;

import java.util.regex.Pattern;

/**
 * Removes signatures from texts before they are stored: a stored exchange must be readable by an
 * operator without handing out anything that authenticates.
 */
public final class Redaction {

  // "sign" as a JSON member, with the comma that joins it to a neighbour.
  private static final Pattern JSON_SIGN_AFTER_COMMA =
      Pattern.compile(",\\s*\"sign\"\\s*:\\s*\"[^\"]*\"");
  private static final Pattern JSON_SIGN_BEFORE_COMMA =
      Pattern.compile("\"sign\"\\s*:\\s*\"[^\"]*\"\\s*,?\\s*");
  // sign=... in a query string or form text (payment form actions, SDK error messages).
  private static final Pattern QUERY_SIGN = Pattern.compile("([?&]|\\b)sign=[^&\"'\\s]*");

  private Redaction() {}

  public static String redact(String text) {
    if (text == null) {
      return null;
    }
    String withoutJson =
        JSON_SIGN_BEFORE_COMMA
            .matcher(JSON_SIGN_AFTER_COMMA.matcher(text).replaceAll(""))
            .replaceAll("");
    return QUERY_SIGN.matcher(withoutJson).replaceAll("$1sign=(redacted)");
  }
}
