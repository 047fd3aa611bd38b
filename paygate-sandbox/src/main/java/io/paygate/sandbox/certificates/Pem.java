package io.paygate.sandbox.certificates;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** PEM text of certificates, as the files Alipay hands out are written. */
public final class Pem {

  private static final Base64.Encoder LINES =
      Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

  private Pem() {}

  public static String of(X509Certificate certificate) {
    try {
      return "-----BEGIN CERTIFICATE-----\n"
          + LINES.encodeToString(certificate.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("a certificate we made cannot be encoded", e);
    }
  }

  /** Several certificates in one file, in order (a chain, or a root bundle). */
  public static String of(List<X509Certificate> certificates) {
    StringBuilder text = new StringBuilder();
    certificates.forEach(c -> text.append(of(c)));
    return text.toString();
  }

  /** Every certificate in a PEM text, in file order; empty when the text is not one. */
  public static Optional<List<X509Certificate>> read(String pem) {
    if (pem == null || pem.isBlank()) {
      return Optional.empty();
    }
    try {
      List<X509Certificate> out = new ArrayList<>();
      for (var c :
          CertificateFactory.getInstance("X.509")
              .generateCertificates(
                  new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
        out.add((X509Certificate) c);
      }
      return out.isEmpty() ? Optional.empty() : Optional.of(out);
    } catch (CertificateException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The certificates of a PEM text we wrote ourselves (stored in the database). */
  static List<X509Certificate> readStored(String pem) {
    return read(pem)
        .orElseThrow(() -> new IllegalStateException("a stored certificate is unreadable"));
  }
}
