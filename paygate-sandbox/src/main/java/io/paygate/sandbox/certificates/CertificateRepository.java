package io.paygate.sandbox.certificates;

import io.paygate.sandbox.database.SandboxDatabase;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The CA row and the "Alipay" certificates issued to apps (certificates only, no keys). */
@Repository
public class CertificateRepository {

  /** The CA as stored: PEM certificates, Base64 PKCS#8 keys. */
  record StoredAuthority(String rootBundle, String rootKey, String caCert, String caKey) {}

  private static final RowMapper<AlipayCert> CERT =
      (rs, i) ->
          new AlipayCert(
              rs.getString("alipay_cert_sn"),
              rs.getString("app_id"),
              rs.getString("cert_chain"),
              rs.getLong("created_at"),
              rs.getInt("downloads"));

  private final SandboxDatabase db;

  public CertificateRepository(SandboxDatabase db) {
    this.db = db;
  }

  Optional<StoredAuthority> authority() {
    return db
        .jdbc()
        .query(
            "SELECT root_bundle, root_private_key, ca_cert, ca_private_key FROM cert_authority"
                + " WHERE id = 1",
            (rs, i) ->
                new StoredAuthority(
                    rs.getString("root_bundle"),
                    rs.getString("root_private_key"),
                    rs.getString("ca_cert"),
                    rs.getString("ca_private_key")))
        .stream()
        .findFirst();
  }

  /** False when another instance stored its CA first (that one is then the CA). */
  boolean insertAuthority(StoredAuthority ca, long createdAt) {
    try {
      db.jdbc()
          .update(
              "INSERT INTO cert_authority (id, root_bundle, root_private_key, ca_cert,"
                  + " ca_private_key, created_at) VALUES (1, ?, ?, ?, ?, ?)",
              ca.rootBundle(),
              ca.rootKey(),
              ca.caCert(),
              ca.caKey(),
              createdAt);
      return true;
    } catch (DuplicateKeyException e) {
      return false;
    }
  }

  void insertAlipayCert(AlipayCert cert) {
    db.jdbc()
        .update(
            "INSERT INTO alipay_certs (alipay_cert_sn, app_id, cert_chain, created_at, downloads)"
                + " VALUES (?, ?, ?, ?, 0)",
            cert.alipayCertSn(),
            cert.appId(),
            cert.certChain(),
            cert.createdAt());
  }

  Optional<AlipayCert> alipayCert(String appId, String sn) {
    return db
        .jdbc()
        .query(
            "SELECT * FROM alipay_certs WHERE app_id = ? AND alipay_cert_sn = ?", CERT, appId, sn)
        .stream()
        .findFirst();
  }

  List<AlipayCert> alipayCerts(String appId) {
    return db.jdbc()
        .query(
            "SELECT * FROM alipay_certs WHERE app_id = ? ORDER BY created_at, alipay_cert_sn",
            CERT,
            appId);
  }

  void countDownload(String sn) {
    db.jdbc()
        .update("UPDATE alipay_certs SET downloads = downloads + 1 WHERE alipay_cert_sn = ?", sn);
  }
}
