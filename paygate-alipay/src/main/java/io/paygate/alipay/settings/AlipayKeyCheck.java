package io.paygate.alipay.settings;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;

/**
 * The start-up self-test of the configured keys. Catches, before the first payment, the mistakes
 * that otherwise surface as "invalid signature" from Alipay or as every notification rejected: a
 * private key that does not parse, an app public key that belongs to another pair, and — most
 * common — the app's own public key pasted where Alipay's public key belongs.
 */
public final class AlipayKeyCheck {

  private static final byte[] PROBE = "paygate key self-test: 支付宝".getBytes(StandardCharsets.UTF_8);

  private final AlipaySettings settings;

  public AlipayKeyCheck(AlipaySettings settings) {
    this.settings = settings;
  }

  /**
   * @throws AlipaySettingsException naming the property to fix; the message holds no key material
   */
  public void check() {
    PrivateKey privateKey = RsaKeys.privateKey(settings.privateKey(), AlipaySettings.PRIVATE_KEY);
    byte[] probeSignature = signProbe(privateKey);

    PublicKey appPublicKey = null;
    if (settings.appPublicKey() != null) {
      appPublicKey = RsaKeys.publicKey(settings.appPublicKey(), AlipaySettings.APP_PUBLIC_KEY);
      if (!RsaKeys.verifies(appPublicKey, PROBE, probeSignature)) {
        throw new AlipaySettingsException(
            AlipaySettings.APP_PUBLIC_KEY,
            "does not belong to the key pair of " + AlipaySettings.PRIVATE_KEY);
      }
    }

    PublicKey alipayPublicKey =
        RsaKeys.publicKey(settings.alipayPublicKey(), AlipaySettings.ALIPAY_PUBLIC_KEY);
    // Verifying our own probe proves it is our key, even when no app public key is configured.
    boolean isOwnKey =
        RsaKeys.verifies(alipayPublicKey, PROBE, probeSignature)
            || (appPublicKey != null
                && Arrays.equals(appPublicKey.getEncoded(), alipayPublicKey.getEncoded()));
    if (isOwnKey) {
      throw new AlipaySettingsException(
          AlipaySettings.ALIPAY_PUBLIC_KEY,
          "is the app's own public key; use the \"Alipay public key\" (支付宝公钥) shown for the"
              + " app, not the application public key");
    }
  }

  private static byte[] signProbe(PrivateKey privateKey) {
    try {
      return RsaKeys.sign(privateKey, PROBE);
    } catch (GeneralSecurityException e) {
      throw new AlipaySettingsException(
          AlipaySettings.PRIVATE_KEY, "cannot sign with SHA256withRSA (RSA2)");
    }
  }
}
