package io.paygate.sandbox.certificates;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Certificate serial numbers ("SN") as Alipay and its SDKs compute them (the Java SDK's {@code
 * AntCertificationUtil.getCertSN}/{@code getRootCertSN}): the lower-case hex MD5, left-padded to 32
 * digits, of the issuer's RFC 2253 name (RDNs last-to-first: {@code CN=…,OU=…,O=…,C=CN}) followed
 * by the serial number in decimal. A root bundle's SN joins, with {@code _} and in file order, the
 * SNs of its RSA-signed certificates only (signature OID under 1.2.840.113549.1.1): the SM2/ECDSA
 * roots are left out.
 */
public final class CertSn {

  static final String RSA_SIGNATURE_OIDS = "1.2.840.113549.1.1";

  private CertSn() {}

  public static String of(X509Certificate certificate) {
    String text = certificate.getIssuerX500Principal().getName() + certificate.getSerialNumber();
    try {
      byte[] md5 = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
      String hex = new BigInteger(1, md5).toString(16);
      return "0".repeat(32 - hex.length()) + hex;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is part of every JRE", e);
    }
  }

  public static String ofRoots(List<X509Certificate> roots) {
    return roots.stream()
        .filter(c -> c.getSigAlgOID().startsWith(RSA_SIGNATURE_OIDS))
        .map(CertSn::of)
        .collect(Collectors.joining("_"));
  }
}
