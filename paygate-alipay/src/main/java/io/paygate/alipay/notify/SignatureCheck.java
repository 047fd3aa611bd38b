package io.paygate.alipay.notify;

import com.alipay.api.AlipayApiException;
import com.alipay.api.internal.util.AlipaySignature;
import io.paygate.alipay.settings.AlipaySettings;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Alipay's signature over notification and return-URL parameters: every parameter but {@code sign}
 * and {@code sign_type}, sorted, in the charset the parameters name. Always SHA256withRSA: the
 * SDK's three-argument check silently uses SHA1, and a {@code sign_type} in the parameters is not
 * trusted to choose.
 */
public final class SignatureCheck {

  private final String alipayPublicKey;

  public SignatureCheck(String alipayPublicKey) {
    this.alipayPublicKey = alipayPublicKey;
  }

  /**
   * @return empty when the signature is good, else why not
   */
  public Optional<String> problem(Map<String, String> parameters) {
    if (parameters == null) {
      return Optional.of("no parameters");
    }
    String sign = parameters.get("sign");
    if (sign == null || sign.isBlank()) {
      return Optional.of("missing sign");
    }
    String charset = charsetOf(parameters);
    if (charset == null) {
      return Optional.of("unsupported charset");
    }
    // The SDK removes sign and sign_type from the map it is given; never hand it the caller's.
    Map<String, String> copy = new HashMap<>();
    parameters.forEach(
        (name, value) -> {
          if (name != null && value != null) {
            copy.put(name, value);
          }
        });
    try {
      boolean good =
          AlipaySignature.rsaCheckV1(copy, alipayPublicKey, charset, AlipaySettings.SIGN_TYPE);
      return good ? Optional.empty() : Optional.of("bad signature");
    } catch (AlipayApiException | RuntimeException e) {
      return Optional.of("signature not checkable: " + e.getClass().getSimpleName());
    }
  }

  private static String charsetOf(Map<String, String> parameters) {
    String named = parameters.get("charset");
    if (named == null || named.isBlank()) {
      return AlipaySettings.CHARSET;
    }
    try {
      return Charset.isSupported(named.strip()) ? named.strip() : null;
    } catch (IllegalCharsetNameException e) {
      return null;
    }
  }
}
