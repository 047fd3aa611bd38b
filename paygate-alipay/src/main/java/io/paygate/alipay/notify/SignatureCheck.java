package io.paygate.alipay.notify;

import com.alipay.api.AlipayApiException;
import com.alipay.api.internal.util.AlipaySignature;
import io.paygate.alipay.settings.AlipaySettings;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Alipay's signature over notification and return-URL parameters: every parameter but {@code sign}
 * and {@code sign_type}, sorted, in the charset the parameters name. Always SHA256withRSA: the
 * SDK's three-argument check silently uses SHA1, and a {@code sign_type} in the parameters is not
 * trusted to choose.
 */
public final class SignatureCheck {

  private final Supplier<List<String>> alipayPublicKeys;

  public SignatureCheck(String alipayPublicKey) {
    this(() -> List.of(alipayPublicKey));
  }

  /** Genuine when any of these keys verifies (certificate mode, across a rotation). */
  public SignatureCheck(Supplier<List<String>> alipayPublicKeys) {
    this.alipayPublicKeys = alipayPublicKeys;
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
      for (String key : alipayPublicKeys.get()) {
        // rsaCheckV1 takes sign out of the map it is given: each key gets its own copy.
        if (AlipaySignature.rsaCheckV1(
            new HashMap<>(copy), key, charset, AlipaySettings.SIGN_TYPE)) {
          return Optional.empty();
        }
      }
      return Optional.of("bad signature");
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
