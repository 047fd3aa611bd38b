package io.paygate.sandbox.certificates;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The sandbox's certificate authority, shaped like Alipay's: a root bundle of two RSA roots and an
 * ECDSA one (Alipay's has an SM2 root that the SN rule skips the same way), and an intermediate
 * "Class 2" CA under the first RSA root that signs every app and "Alipay" certificate. Leaf chains
 * are leaf + intermediate, so the SDK's chain check ({@code AntCertificationUtil.isTrusted}) finds
 * the intermediate's issuer among the roots.
 *
 * @param roots the root bundle, in file order
 * @param rootKey the first RSA root's private key (it signed the intermediate)
 */
public record CertificateAuthority(
    List<X509Certificate> roots, PrivateKey rootKey, X509Certificate ca, PrivateKey caKey) {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration MARGIN = Duration.ofDays(1);

  /** A new CA; {@code now} is wall-clock time, as merchants check validity against theirs. */
  public static CertificateAuthority create(Instant now) {
    KeyPair r1 = rsa();
    KeyPair e1 = ec();
    KeyPair r2 = rsa();
    KeyPair ca = rsa();
    X500Name r1Name = authority("PayGate Sandbox Alipay Root CA R1");
    X500Name e1Name = authority("PayGate Sandbox Alipay Root CA E1");
    X500Name r2Name = authority("PayGate Sandbox Alipay Root CA R2");
    X500Name caName = authority("PayGate Sandbox Alipay Class 2 CA R1");
    Instant until = now.plus(Duration.ofDays(365 * 30));
    X509Certificate root1 =
        sign(
            r1Name,
            r1Name,
            r1.getPublic(),
            r1.getPrivate(),
            now,
            until,
            Role.ROOT,
            "SHA256withRSA");
    X509Certificate root2 =
        sign(
            e1Name,
            e1Name,
            e1.getPublic(),
            e1.getPrivate(),
            now,
            until,
            Role.ROOT,
            "SHA256withECDSA");
    X509Certificate root3 =
        sign(
            r2Name,
            r2Name,
            r2.getPublic(),
            r2.getPrivate(),
            now,
            until,
            Role.ROOT,
            "SHA256withRSA");
    X509Certificate intermediate =
        sign(
            r1Name,
            caName,
            ca.getPublic(),
            r1.getPrivate(),
            now,
            now.plus(Duration.ofDays(365 * 20)),
            Role.CA,
            "SHA256withRSA");
    return new CertificateAuthority(
        List.of(root1, root2, root3), r1.getPrivate(), intermediate, ca.getPrivate());
  }

  /** The root SN the SDK sends as {@code alipay_root_cert_sn} for this bundle. */
  public String rootCertSn() {
    return CertSn.ofRoots(roots);
  }

  /** A leaf certificate for {@code key}, issued by the intermediate CA, valid ten years. */
  public X509Certificate issue(X500Name subject, PublicKey key, Instant now) {
    return sign(
        X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()),
        subject,
        key,
        caKey,
        now,
        now.plus(Duration.ofDays(365 * 10)),
        Role.LEAF,
        "SHA256withRSA");
  }

  /** {@code C=CN, O=…, OU=…, CN=…}: printed (RFC 2253) as {@code CN=…,OU=…,O=…,C=CN}. */
  public static X500Name name(String organisation, String unit, String commonName) {
    return new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.C, "CN")
        .addRDN(BCStyle.O, organisation)
        .addRDN(BCStyle.OU, unit)
        .addRDN(BCStyle.CN, commonName)
        .build();
  }

  /** A fresh RSA-2048 pair (the "Alipay" keys of cert-mode apps). */
  public static KeyPair rsa() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA is not available", e);
    }
  }

  private static KeyPair ec() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("EC is not available", e);
    }
  }

  private static X500Name authority(String commonName) {
    return name("PayGate Sandbox", "Certification Authority", commonName);
  }

  private enum Role {
    ROOT,
    CA,
    LEAF
  }

  private static X509Certificate sign(
      X500Name issuer,
      X500Name subject,
      PublicKey key,
      PrivateKey signer,
      Instant from,
      Instant until,
      Role role,
      String algorithm) {
    // Positive 127-bit serials, like the 16-byte ones Alipay's certificates carry.
    BigInteger serial = new BigInteger(127, RANDOM).setBit(120);
    try {
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              issuer, serial, Date.from(from.minus(MARGIN)), Date.from(until), subject, key);
      JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
      builder.addExtension(
          Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(key));
      if (role == Role.LEAF) {
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(
            Extension.keyUsage,
            true,
            new KeyUsage(
                KeyUsage.digitalSignature
                    | KeyUsage.nonRepudiation
                    | KeyUsage.keyEncipherment
                    | KeyUsage.dataEncipherment));
      } else {
        builder.addExtension(
            Extension.basicConstraints,
            true,
            role == Role.ROOT ? new BasicConstraints(true) : new BasicConstraints(0));
        builder.addExtension(
            Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      }
      return new JcaX509CertificateConverter()
          .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(signer)));
    } catch (CertIOException | OperatorCreationException | GeneralSecurityException e) {
      throw new IllegalStateException("could not issue a certificate", e);
    }
  }
}
