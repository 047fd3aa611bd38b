package io.paygate.wechatpay.settings;

import com.wechat.pay.java.core.util.PemUtil;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The start-up checks over the key material alone, before any call: each problem named by its
 * setting and what is wrong with it (a PKCS#1 key, the merchant's own public key where WeChat Pay's
 * belongs, a certificate of another key or merchant, a serial that is not the certificate's, an
 * APIv3 key of the wrong length). Never a key's text in a message. The signed call that proves the
 * rest is {@code WechatPaySelfTest}.
 */
public final class WechatPayKeyCheck {

  private static final Pattern SERIAL = Pattern.compile("[0-9A-Fa-f]{1,40}");
  private static final Pattern PUBLIC_KEY_ID = Pattern.compile("PUB_KEY_ID_\\d+");
  private static final byte[] PROBE = "paygate key check".getBytes(StandardCharsets.UTF_8);

  private WechatPayKeyCheck() {}

  /** Every problem found, in the order of the settings; empty when the keys look right. */
  public static List<String> problems(WechatPaySettings s) {
    List<String> problems = new ArrayList<>();
    PrivateKey privateKey = null;
    if (s.privateKey() == null || s.privateKey().isBlank()) {
      problems.add("paygate.wechatpay.private-key is missing (apiclient_key.pem)");
    } else {
      try {
        privateKey = PemUtil.loadPrivateKeyFromString(s.privateKey());
      } catch (RuntimeException e) {
        // A PKCS#1 file (RSA PRIVATE KEY) fails here too: the SDK reads PKCS#8 only.
        problems.add(
            "paygate.wechatpay.private-key is not a PKCS#8 RSA private key (a PKCS#1 key must be"
                + " converted: openssl pkcs8 -topk8 -nocrypt)");
      }
    }
    if (s.merchantSerialNo() == null || !SERIAL.matcher(s.merchantSerialNo()).matches()) {
      problems.add(
          "paygate.wechatpay.merchant-serial-no is not a certificate serial (up to 40 hex digits)");
    }
    if (s.merchantCertificate() != null && !s.merchantCertificate().isBlank()) {
      certificate(s, privateKey, problems);
    }
    if (s.apiV3Key() == null) {
      problems.add("paygate.wechatpay.apiv3-key is missing");
    } else {
      int length = s.apiV3Key().getBytes(StandardCharsets.UTF_8).length;
      if (length != 32) {
        problems.add(
            "paygate.wechatpay.apiv3-key is "
                + length
                + " bytes; the APIv3 key is 32 characters (an AES-256 key)");
      }
    }
    if (s.keyMode() == KeyMode.PUBLIC_KEY) {
      publicKey(s, privateKey, problems);
    }
    if (s.notifyUrl() == null || s.notifyUrl().contains("?")) {
      problems.add(
          "paygate.wechatpay.notify-url is missing or has a query string (WeChat refuses it)");
    }
    return problems;
  }

  private static void certificate(WechatPaySettings s, PrivateKey key, List<String> problems) {
    X509Certificate certificate;
    try {
      certificate = PemUtil.loadX509FromString(s.merchantCertificate());
    } catch (RuntimeException e) {
      problems.add("paygate.wechatpay.merchant-certificate is not an X.509 certificate");
      return;
    }
    if (key != null && !pair(key, certificate.getPublicKey())) {
      problems.add(
          "paygate.wechatpay.private-key is not the key of paygate.wechatpay.merchant-certificate"
              + " (a foreign or swapped key)");
    }
    if (s.merchantSerialNo() != null
        && SERIAL.matcher(s.merchantSerialNo()).matches()
        && !new BigInteger(s.merchantSerialNo(), 16).equals(certificate.getSerialNumber())) {
      problems.add(
          "paygate.wechatpay.merchant-serial-no is not the serial of"
              + " paygate.wechatpay.merchant-certificate ("
              + certificate.getSerialNumber().toString(16).toUpperCase()
              + ")");
    }
    String subject = certificate.getSubjectX500Principal().getName();
    if (!subject.contains("CN=" + s.mchid())) {
      problems.add(
          "paygate.wechatpay.merchant-certificate is not merchant "
              + s.mchid()
              + "'s (its subject is "
              + subject
              + ")");
    }
  }

  private static void publicKey(WechatPaySettings s, PrivateKey key, List<String> problems) {
    if (s.publicKeyId() == null || !PUBLIC_KEY_ID.matcher(s.publicKeyId()).matches()) {
      problems.add(
          "paygate.wechatpay.public-key-id is not a WeChat Pay public key id (PUB_KEY_ID_…)");
    }
    if (s.publicKey() == null || s.publicKey().isBlank()) {
      problems.add("paygate.wechatpay.public-key is missing (pub_key.pem) in key mode public_key");
      return;
    }
    PublicKey publicKey;
    try {
      publicKey = PemUtil.loadPublicKeyFromString(s.publicKey());
    } catch (RuntimeException e) {
      problems.add("paygate.wechatpay.public-key is not an X.509 RSA public key");
      return;
    }
    if (key != null && pair(key, publicKey)) {
      problems.add(
          "paygate.wechatpay.public-key is the merchant's own public key, not WeChat Pay's"
              + " (swapped keys)");
    }
  }

  /** Whether the private key's signature verifies with the public key: one key pair. */
  static boolean pair(PrivateKey privateKey, PublicKey publicKey) {
    try {
      Signature sign = Signature.getInstance("SHA256withRSA");
      sign.initSign(privateKey);
      sign.update(PROBE);
      byte[] signature = sign.sign();
      Signature verify = Signature.getInstance("SHA256withRSA");
      verify.initVerify(publicKey);
      verify.update(PROBE);
      return verify.verify(signature);
    } catch (java.security.GeneralSecurityException e) {
      return false;
    }
  }
}
