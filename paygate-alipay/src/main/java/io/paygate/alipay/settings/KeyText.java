package io.paygate.alipay.settings;

import java.util.Base64;

/**
 * Key text as operators paste it (bare base64 or PEM, wrapped or not) turned into the bare base64
 * the SDK wants. Messages never quote the key.
 */
final class KeyText {

  private KeyText() {}

  /** The base64 body, or null when the text is null or blank. */
  static String base64Body(String text, String property) {
    if (text == null || text.isBlank()) {
      return null;
    }
    if (text.contains("RSA PRIVATE KEY")) {
      // The Java SDK feeds the bytes to PKCS8EncodedKeySpec; a PKCS#1 key would fail on first use.
      throw new AlipaySettingsException(
          property,
          "a PKCS#1 key (\"RSA PRIVATE KEY\" PEM) was given; convert it to PKCS#8"
              + " (openssl pkcs8 -topk8 -nocrypt) or use Alipay's \"PKCS8 (Java)\" output");
    }
    if (text.contains("CERTIFICATE")) {
      throw new AlipaySettingsException(
          property,
          "a certificate was given where a key belongs; for an app in certificate mode set the"
              + " three certificate files (app-cert, alipay-cert, alipay-root-cert) instead");
    }
    StringBuilder body = new StringBuilder(text.length());
    for (String line : text.split("\\R")) {
      if (!line.strip().startsWith("-----")) {
        body.append(line);
      }
    }
    String base64 = body.toString().replaceAll("\\s+", "");
    try {
      Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new AlipaySettingsException(property, "is not base64 (nor PEM)");
    }
    return base64;
  }
}
