package io.paygate.alipay.gateway;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayConfig;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.SignChecker;
import com.alipay.api.Signer;
import io.paygate.alipay.settings.AlipaySettings;
import io.paygate.alipay.settings.RsaKeys;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;

/**
 * The SDK's client, signing with the app's private key as parsed once. The SDK's own signer parses
 * the PKCS#8 text again on every request, and a native provider then builds its key again: about a
 * fifth of each signature's cost, measured on a pay form. In public-key mode answers are checked
 * with Alipay's key parsed once too; in certificate mode the SDK checks them against the
 * certificates itself.
 *
 * <p>Before checking any answer the SDK also signs a fixed text and verifies it with Alipay's key,
 * to catch Alipay's key set to the app's own (PayGate's start-up self-test refuses that already).
 * RSA PKCS#1 v1.5 signatures are deterministic, so the one signature of that text is kept: without
 * it every call to Alipay would cost two signatures.
 */
public final class ParsedKeyClient extends DefaultAlipayClient {

  /** What {@code AbstractAlipayClient.checkAlipayPublicKey} signs before it checks an answer. */
  static final String SDK_KEY_PROBE = "checkAlipayPublicKey";

  private final Signer signer;
  private final SignChecker checker;

  /**
   * @param alipayKey Alipay's public key in public-key mode; null in certificate mode
   */
  public ParsedKeyClient(AlipayConfig config, PrivateKey appKey, PublicKey alipayKey)
      throws AlipayApiException {
    super(config);
    this.signer = new KeptKeySigner(appKey);
    this.checker = alipayKey == null ? super.getSignChecker() : new KeptKeyChecker(alipayKey);
  }

  @Override
  public Signer getSigner() {
    return signer;
  }

  @Override
  public SignChecker getSignChecker() {
    return checker;
  }

  private static Charset charset(String name) {
    return name == null || name.isBlank() ? StandardCharsets.UTF_8 : Charset.forName(name);
  }

  private static void rsa2Only(String signType) {
    if (!AlipaySettings.SIGN_TYPE.equals(signType)) {
      throw new IllegalArgumentException("PayGate signs RSA2 only, not " + signType);
    }
  }

  /** The SDK's {@code DefaultSigner}, with the key already parsed. */
  private static final class KeptKeySigner implements Signer {

    private final PrivateKey key;
    private volatile String probeSignature;

    KeptKeySigner(PrivateKey key) {
      this.key = key;
    }

    @Override
    public String sign(String content, String signType, String charset) {
      rsa2Only(signType);
      boolean probe = SDK_KEY_PROBE.equals(content);
      if (probe && probeSignature != null) {
        return probeSignature;
      }
      try {
        String signature =
            Base64.getEncoder()
                .encodeToString(RsaKeys.sign(key, content.getBytes(charset(charset))));
        if (probe) {
          probeSignature = signature;
        }
        return signature;
      } catch (GeneralSecurityException e) {
        // What the SDK's DefaultSigner does with a failure too.
        throw new IllegalStateException("could not sign with the app's private key", e);
      }
    }
  }

  /** The SDK's {@code DefaultSignChecker} for RSA2, with Alipay's key already parsed. */
  private static final class KeptKeyChecker implements SignChecker {

    private final PublicKey key;

    KeptKeyChecker(PublicKey key) {
      this.key = key;
    }

    @Override
    public boolean check(String content, String sign, String signType, String charset) {
      rsa2Only(signType);
      byte[] signature;
      try {
        signature = Base64.getMimeDecoder().decode(sign);
      } catch (IllegalArgumentException notBase64) {
        return false;
      }
      return RsaKeys.verifies(key, content.getBytes(charset(charset)), signature);
    }

    @Override
    public boolean checkCert(
        String content, String sign, String cert, String charset, String signType) {
      // Only certificate mode checks answers against a certificate, and it keeps the SDK's checker.
      throw new UnsupportedOperationException("a public-key mode client has no certificate");
    }
  }
}
