package io.paygate.sandbox.certificates;

import io.paygate.sandbox.clock.VirtualClock;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Issues the three files of certificate mode: an app's public-key certificate, the "Alipay"
 * certificates that sign its answers (one per rotation), and the root bundle. The CA is made on
 * first use and kept in the database, so every instance and every restart signs under the same
 * roots.
 */
@Service
public class SandboxCertificates {

  // Validity is checked by merchants against their real clock, never the sandbox's virtual one.
  private final Clock wallClock = Clock.systemUTC();
  private final CertificateRepository repository;
  private final VirtualClock clock;
  private volatile CertificateAuthority authority;
  private volatile String rootCertSn;

  public SandboxCertificates(CertificateRepository repository, VirtualClock clock) {
    this.repository = repository;
    this.clock = clock;
  }

  /** alipayRootCert.crt: every root, PEM, in the order the SN is computed. */
  public String rootBundle() {
    return Pem.of(authority().roots());
  }

  /** What a correctly configured SDK sends as {@code alipay_root_cert_sn}. */
  public String rootCertSn() {
    // Checked on every call of a cert-mode app; the roots never change once made.
    String sn = rootCertSn;
    if (sn == null) {
      sn = authority().rootCertSn();
      rootCertSn = sn;
    }
    return sn;
  }

  /** Certifies a merchant's own public key for {@code appId}. */
  public IssuedAppCert issueAppCert(String appId, PublicKey appPublicKey) {
    X509Certificate cert =
        authority()
            .issue(
                CertificateAuthority.name("PayGate Sandbox merchant", "Alipay", appId),
                appPublicKey,
                wallClock.instant());
    return new IssuedAppCert(Pem.of(cert), CertSn.of(cert));
  }

  /** A fresh "Alipay" key pair certified for {@code appId}; the certificate is recorded. */
  public IssuedAlipayCert issueAlipayCert(String appId) {
    KeyPair keys = CertificateAuthority.rsa();
    CertificateAuthority ca = authority();
    X509Certificate cert =
        ca.issue(
            CertificateAuthority.name("PayGate Sandbox", "Alipay", "Alipay Sandbox-" + appId),
            keys.getPublic(),
            wallClock.instant());
    AlipayCert recorded =
        new AlipayCert(CertSn.of(cert), appId, Pem.of(List.of(cert, ca.ca())), clock.millis(), 0);
    repository.insertAlipayCert(recorded);
    Base64.Encoder b64 = Base64.getEncoder();
    return new IssuedAlipayCert(
        recorded,
        b64.encodeToString(keys.getPrivate().getEncoded()),
        b64.encodeToString(keys.getPublic().getEncoded()));
  }

  public Optional<AlipayCert> alipayCert(String appId, String sn) {
    return repository.alipayCert(appId, sn);
  }

  /** Every "Alipay" certificate the app had, oldest first. */
  public List<AlipayCert> alipayCerts(String appId) {
    return repository.alipayCerts(appId);
  }

  /** The certificate for alipay.open.app.alipaycert.download, counted as downloaded. */
  public Optional<AlipayCert> download(String appId, String sn) {
    Optional<AlipayCert> cert = repository.alipayCert(appId, sn);
    cert.ifPresent(c -> repository.countDownload(c.alipayCertSn()));
    return cert;
  }

  private CertificateAuthority authority() {
    CertificateAuthority ca = authority;
    if (ca == null) {
      synchronized (this) {
        if (authority == null) {
          authority = loadOrCreate();
        }
        ca = authority;
      }
    }
    return ca;
  }

  private CertificateAuthority loadOrCreate() {
    Optional<CertificateRepository.StoredAuthority> stored = repository.authority();
    if (stored.isEmpty()) {
      CertificateAuthority made = CertificateAuthority.create(wallClock.instant());
      Base64.Encoder b64 = Base64.getEncoder();
      // Two instances starting on one new database: the first insert wins, both read it back.
      repository.insertAuthority(
          new CertificateRepository.StoredAuthority(
              Pem.of(made.roots()),
              b64.encodeToString(made.rootKey().getEncoded()),
              Pem.of(made.ca()),
              b64.encodeToString(made.caKey().getEncoded())),
          clock.millis());
      stored = repository.authority();
    }
    CertificateRepository.StoredAuthority row = stored.orElseThrow();
    return new CertificateAuthority(
        Pem.readStored(row.rootBundle()),
        rsaPrivateKey(row.rootKey()),
        Pem.readStored(row.caCert()).get(0),
        rsaPrivateKey(row.caKey()));
  }

  private static PrivateKey rsaPrivateKey(String base64) {
    try {
      return KeyFactory.getInstance("RSA")
          .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("the stored CA key is unreadable", e);
    }
  }
}
