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

  private final String privateKey;
  private final String appPublicKey;
  private final String alipayPublicKey;
  private final AppCertificates certificates;

  public AlipayKeyCheck(AlipaySettings settings) {
    this(
        settings.privateKey(),
        settings.appPublicKey(),
        settings.alipayPublicKey(),
        settings.certificates());
  }

  private AlipayKeyCheck(
      String privateKey,
      String appPublicKey,
      String alipayPublicKey,
      AppCertificates certificates) {
    this.privateKey = privateKey;
    this.appPublicKey = appPublicKey;
    this.alipayPublicKey = alipayPublicKey;
    this.certificates = certificates;
  }

  /**
   * The same check for an app in certificate mode, as the files are given: what the key tool
   * checks.
   */
  public static AlipayKeyCheck ofCertificates(String privateKey, AppCertificates certificates) {
    String privateBody = KeyText.base64Body(privateKey, AlipaySettings.PRIVATE_KEY);
    if (privateBody == null) {
      throw new AlipaySettingsException(AlipaySettings.PRIVATE_KEY, "is missing");
    }
    return new AlipayKeyCheck(privateBody, null, certificates.alipayPublicKey(), certificates);
  }

  /**
   * The same check for keys as pasted (bare base64 or PEM), without the rest of an app's settings:
   * what the key tool checks. The app public key may be null.
   *
   * @throws AlipaySettingsException naming the property the key would go in
   */
  public static AlipayKeyCheck ofKeys(
      String privateKey, String appPublicKey, String alipayPublicKey) {
    String privateBody = KeyText.base64Body(privateKey, AlipaySettings.PRIVATE_KEY);
    String alipayBody = KeyText.base64Body(alipayPublicKey, AlipaySettings.ALIPAY_PUBLIC_KEY);
    if (privateBody == null) {
      throw new AlipaySettingsException(AlipaySettings.PRIVATE_KEY, "is missing");
    }
    if (alipayBody == null) {
      throw new AlipaySettingsException(AlipaySettings.ALIPAY_PUBLIC_KEY, "is missing");
    }
    return new AlipayKeyCheck(
        privateBody,
        KeyText.base64Body(appPublicKey, AlipaySettings.APP_PUBLIC_KEY),
        alipayBody,
        null);
  }

  /**
   * @throws AlipaySettingsException naming the property to fix; the message holds no key material
   */
  public void check() {
    PrivateKey privateKey = RsaKeys.privateKey(this.privateKey, AlipaySettings.PRIVATE_KEY);
    byte[] probeSignature = signProbe(privateKey);

    PublicKey appPublicKey = null;
    if (this.appPublicKey != null) {
      appPublicKey = RsaKeys.publicKey(this.appPublicKey, AlipaySettings.APP_PUBLIC_KEY);
      if (!RsaKeys.verifies(appPublicKey, PROBE, probeSignature)) {
        throw new AlipaySettingsException(
            AlipaySettings.APP_PUBLIC_KEY,
            "does not belong to the key pair of " + AlipaySettings.PRIVATE_KEY);
      }
    }

    if (certificates != null) {
      checkCertificates(probeSignature);
      return;
    }
    PublicKey alipayPublicKey =
        RsaKeys.publicKey(this.alipayPublicKey, AlipaySettings.ALIPAY_PUBLIC_KEY);
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

  /**
   * Certificate mode: the app certificate is the private key's, Alipay's certificate is not the
   * app's and chains to the root file, and the SNs the SDK sends can be computed. The files
   * swapped, or taken from another app, are the mistakes behind most "invalid signature" reports.
   */
  private void checkCertificates(byte[] probeSignature) {
    PublicKey appKey =
        AppCertificates.first(certificates.appCert(), AppCertificates.APP_CERT).getPublicKey();
    PublicKey alipayKey =
        AppCertificates.first(certificates.alipayCert(), AppCertificates.ALIPAY_CERT)
            .getPublicKey();
    if (RsaKeys.verifies(alipayKey, PROBE, probeSignature)) {
      throw new AlipaySettingsException(
          AppCertificates.ALIPAY_CERT,
          "is the app's own certificate (appCertPublicKey_…); use Alipay's"
              + " (alipayCertPublicKey_RSA2.crt)");
    }
    if (!RsaKeys.verifies(appKey, PROBE, probeSignature)) {
      throw new AlipaySettingsException(
          AppCertificates.APP_CERT,
          "is not the certificate of "
              + AlipaySettings.PRIVATE_KEY
              + " (another app's, or a key pair renewed since it was issued)");
    }
    String rootSn = certificates.rootCertSn();
    if (rootSn.isEmpty()) {
      throw new AlipaySettingsException(
          AppCertificates.ALIPAY_ROOT_CERT,
          "holds no RSA root certificate; use alipayRootCert.crt as downloaded");
    }
    if (!com.alipay.api.internal.util.AntCertificationUtil.isTrusted(
        certificates.alipayCert(), certificates.alipayRootCert())) {
      throw new AlipaySettingsException(
          AppCertificates.ALIPAY_CERT,
          "does not chain to "
              + AppCertificates.ALIPAY_ROOT_CERT
              + " (Alipay's root file of another environment, or the files mixed up)");
    }
    certificates.appCertSn();
    certificates.alipayCertSn();
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
