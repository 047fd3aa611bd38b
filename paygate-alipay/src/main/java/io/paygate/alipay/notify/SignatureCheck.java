package io.paygate.alipay.notify;

import com.alipay.api.internal.util.AlipaySignature;
import io.paygate.alipay.settings.AlipaySettings;
import io.paygate.alipay.settings.RsaKeys;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Alipay's signature over notification and return-URL parameters: every parameter but {@code sign}
 * and {@code sign_type}, sorted, in the charset the parameters name. Always SHA256withRSA: the
 * SDK's three-argument check silently uses SHA1, and a {@code sign_type} in the parameters is not
 * trusted to choose.
 */
public final class SignatureCheck {

  /** Alipay public keys as parsed, by their text: a handful per process. */
  private static final Map<String, PublicKey> PARSED = new ConcurrentHashMap<>();

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
    String content;
    byte[] signature;
    try {
      // What the SDK's rsaCheckV1 checks (every parameter but sign and sign_type, sorted), against
      // keys parsed once rather than on every notify.
      content = AlipaySignature.getSignCheckContentV1(copy);
      signature = Base64.getDecoder().decode(sign.strip());
    } catch (RuntimeException e) {
      return Optional.of("signature not checkable: " + e.getClass().getSimpleName());
    }
    try {
      byte[] signed = content.getBytes(charset);
      for (String key : alipayPublicKeys.get()) {
        if (RsaKeys.verifies(parsed(key), signed, signature)) {
          return Optional.empty();
        }
      }
      return Optional.of("bad signature");
    } catch (UnsupportedEncodingException | RuntimeException e) {
      return Optional.of("signature not checkable: " + e.getClass().getSimpleName());
    }
  }

  private static PublicKey parsed(String base64) {
    PublicKey key = PARSED.get(base64);
    if (key == null) {
      key = RsaKeys.publicKey(base64, AlipaySettings.ALIPAY_PUBLIC_KEY);
      if (PARSED.size() < 64) {
        PARSED.put(base64, key);
      }
    }
    return key;
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
