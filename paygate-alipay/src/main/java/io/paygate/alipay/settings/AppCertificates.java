package io.paygate.alipay.settings;

import com.alipay.api.internal.util.AntCertificationUtil;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Public-key certificate mode (公钥证书模式): the three files Alipay's open platform gives an app created
 * in that mode, as PEM text.
 *
 * @param appCert the app's certificate ({@code appCertPublicKey_<app_id>.crt}), issued by Alipay
 *     for the app's own public key
 * @param alipayCert Alipay's certificate for the app ({@code alipayCertPublicKey_RSA2.crt}); its
 *     key verifies Alipay's answers and notifications
 * @param alipayRootCert Alipay's root certificates ({@code alipayRootCert.crt}), several in one
 *     file
 */
public record AppCertificates(String appCert, String alipayCert, String alipayRootCert) {

  public static final String APP_CERT = "paygate.alipay.app-cert";
  public static final String ALIPAY_CERT = "paygate.alipay.alipay-cert";
  public static final String ALIPAY_ROOT_CERT = "paygate.alipay.alipay-root-cert";

  public AppCertificates {
    appCert = required(appCert, APP_CERT);
    alipayCert = required(alipayCert, ALIPAY_CERT);
    alipayRootCert = required(alipayRootCert, ALIPAY_ROOT_CERT);
    parse(appCert, APP_CERT);
    parse(alipayCert, ALIPAY_CERT);
    parse(alipayRootCert, ALIPAY_ROOT_CERT);
  }

  /** The first certificate of a file: the app's or Alipay's own (a chain may follow it). */
  static X509Certificate first(String pem, String property) {
    return parse(pem, property).get(0);
  }

  /** Alipay's public key for the app, from its certificate, as the SDK takes a key. */
  public String alipayPublicKey() {
    return Base64.getEncoder()
        .encodeToString(first(alipayCert, ALIPAY_CERT).getPublicKey().getEncoded());
  }

  /** The SN of the app's certificate, as the SDK sends it ({@code app_cert_sn}). */
  public String appCertSn() {
    try {
      return AntCertificationUtil.getCertSN(first(appCert, APP_CERT));
    } catch (com.alipay.api.AlipayApiException e) {
      throw new AlipaySettingsException(APP_CERT, "its SN cannot be computed");
    }
  }

  /** The SN of the Alipay certificate. */
  public String alipayCertSn() {
    try {
      return AntCertificationUtil.getCertSN(first(alipayCert, ALIPAY_CERT));
    } catch (com.alipay.api.AlipayApiException e) {
      throw new AlipaySettingsException(ALIPAY_CERT, "its SN cannot be computed");
    }
  }

  /**
   * The SN of the root file, as the SDK sends it ({@code alipay_root_cert_sn}): of its RSA roots
   * only; empty when it holds none.
   */
  public String rootCertSn() {
    String sn = AntCertificationUtil.getRootCertSN(alipayRootCert);
    return sn == null ? "" : sn;
  }

  private static List<X509Certificate> parse(String pem, String property) {
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      List<X509Certificate> certificates = new ArrayList<>();
      for (var certificate :
          factory.generateCertificates(
              new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
        certificates.add((X509Certificate) certificate);
      }
      if (certificates.isEmpty()) {
        throw new AlipaySettingsException(property, "holds no certificate");
      }
      return certificates;
    } catch (CertificateException e) {
      throw new AlipaySettingsException(
          property, "is not a certificate file (PEM, -----BEGIN CERTIFICATE-----)");
    }
  }

  private static String required(String value, String property) {
    if (value == null || value.isBlank()) {
      throw new AlipaySettingsException(
          property, "is required in certificate mode (with the two other certificate files)");
    }
    return value.strip() + "\n";
  }

  @Override
  public String toString() {
    return "AppCertificates[appCertSn=" + appCertSn() + ", alipayCertSn=" + alipayCertSn() + "]";
  }
}
