package io.paygate.alipay.gateway;

import java.util.regex.Pattern;

/**
 * Removes signatures, and the bill download URL's query (its token), from texts before they are
 * stored: a stored exchange must be readable by an operator without handing out anything that
 * authenticates.
 */
public final class Redaction {

  // "sign" as a JSON member, with the comma that joins it to a neighbour.
  private static final Pattern JSON_SIGN_AFTER_COMMA =
      Pattern.compile(",\\s*\"sign\"\\s*:\\s*\"[^\"]*\"");
  private static final Pattern JSON_SIGN_BEFORE_COMMA =
      Pattern.compile("\"sign\"\\s*:\\s*\"[^\"]*\"\\s*,?\\s*");
  // sign=... in a query string or form text (payment form actions, SDK error messages).
  private static final Pattern QUERY_SIGN = Pattern.compile("([?&]|\\b)sign=[^&\"'\\s]*");

  // The query of a bill_download_url carries the token that downloads the merchant's bill.
  private static final Pattern BILL_URL_QUERY =
      Pattern.compile("(\"bill_download_url\"\\s*:\\s*\"[^\"?]*)\\?[^\"]*");

  // Buyer sign-in answers carry tokens that act for the buyer.
  private static final Pattern JSON_TOKENS =
      Pattern.compile("(\"(?:access_token|refresh_token)\"\\s*:\\s*\")[^\"]*\"");

  private Redaction() {}

  public static String redact(String text) {
    if (text == null) {
      return null;
    }
    String withoutJson =
        JSON_SIGN_BEFORE_COMMA
            .matcher(JSON_SIGN_AFTER_COMMA.matcher(text).replaceAll(""))
            .replaceAll("");
    String withoutTokens = JSON_TOKENS.matcher(withoutJson).replaceAll("$1(redacted)\"");
    String withoutBillToken = BILL_URL_QUERY.matcher(withoutTokens).replaceAll("$1?(redacted)");
    return QUERY_SIGN.matcher(withoutBillToken).replaceAll("$1sign=(redacted)");
  }
}
