package io.paygate.sandbox.wechatpay.keys;

import io.paygate.sandbox.certificates.Pem;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Locale;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * RSA-2048 keys and certificates as WeChat Pay hands them out, generated at run time: PKCS#8
 * private keys (the SDK cannot read PKCS#1) and X.509 public keys in PEM, certificates with
 * 40-hex-digit serials; SHA256withRSA signatures in standard Base64.
 */
public final class WxKeys {

  private static final SecureRandom RANDOM = new SecureRandom();

  private WxKeys() {}

  /** A key pair in PEM. */
  public record PemKeyPair(String privateKey, String publicKey) {}

  /** A certificate, its key, and its serial as WeChat Pay writes it (40 upper-case hex digits). */
  public record IssuedCertificate(String serialNo, String certificate, String privateKey) {}

  public static PemKeyPair generate() {
    KeyPair pair = newPair();
    return new PemKeyPair(privatePem(pair.getPrivate()), publicPem(pair.getPublic()));
  }

  /**
   * A self-signed certificate for a fresh key: {@code CN=subject}. WeChat Pay's are issued by its
   * CA; the SDK checks no chain (RSACertificateHandler), so a self-signed one is taken as real.
   */
  public static IssuedCertificate issue(String subject, Instant from, Instant until) {
    KeyPair pair = newPair();
    // 20 bytes, top nibble never zero: BigInteger.toString(16) (the SDK's serial) keeps 40 digits.
    byte[] bytes = new byte[20];
    RANDOM.nextBytes(bytes);
    bytes[0] = (byte) (0x10 + RANDOM.nextInt(0x70));
    BigInteger serial = new BigInteger(1, bytes);
    X500Name name = new X500Name("CN=" + subject + ",OU=PayGate Sandbox,O=Tenpay.com,C=CN");
    try {
      X509Certificate certificate =
          new JcaX509CertificateConverter()
              .getCertificate(
                  new JcaX509v3CertificateBuilder(
                          name, serial, Date.from(from), Date.from(until), name, pair.getPublic())
                      .build(
                          new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
      return new IssuedCertificate(
          serial.toString(16).toUpperCase(Locale.ROOT),
          Pem.of(certificate),
          privatePem(pair.getPrivate()));
    } catch (OperatorCreationException | GeneralSecurityException e) {
      throw new IllegalStateException("could not issue a certificate", e);
    }
  }

  public static String sign(String privateKeyPem, String message) {
    try {
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initSign(privateKey(privateKeyPem));
      signature.update(message.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not sign", e);
    }
  }

  /** False for a wrong signature, a non-Base64 one, or an unreadable key. */
  public static boolean verify(PublicKey key, String message, String signatureBase64) {
    try {
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initVerify(key);
      signature.update(message.getBytes(StandardCharsets.UTF_8));
      return signature.verify(Base64.getDecoder().decode(signatureBase64));
    } catch (SignatureException | IllegalArgumentException e) {
      return false;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA is not available", e);
    }
  }

  public static PublicKey certificateKey(String certificatePem) {
    return Pem.read(certificatePem)
        .orElseThrow(() -> new IllegalStateException("stored certificate is unreadable"))
        .get(0)
        .getPublicKey();
  }

  public static PublicKey publicKey(String pem) {
    try {
      return KeyFactory.getInstance("RSA")
          .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body(pem))));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("stored public key is unreadable", e);
    }
  }

  static PrivateKey privateKey(String pem) {
    try {
      return KeyFactory.getInstance("RSA")
          .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body(pem))));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("stored private key is unreadable", e);
    }
  }

  private static String body(String pem) {
    return pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
  }

  private static KeyPair newPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA is not available", e);
    }
  }

  // Bouncy Castle's writer: PKCS#8 for a private key, SubjectPublicKeyInfo for a public one.
  private static String privatePem(PrivateKey key) {
    try {
      return pem(new JcaPKCS8Generator(key, null));
    } catch (IOException e) {
      throw new IllegalStateException("could not write PEM", e);
    }
  }

  private static String publicPem(PublicKey key) {
    return pem(key);
  }

  private static String pem(Object value) {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(value);
    } catch (IOException e) {
      throw new IllegalStateException("could not write PEM", e);
    }
    return text.toString();
  }
}
