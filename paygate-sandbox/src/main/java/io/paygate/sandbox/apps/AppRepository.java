package io.paygate.sandbox.apps;

import io.paygate.sandbox.database.SandboxDatabase;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

@Repository
public class AppRepository {

  private static final RowMapper<App> ROW =
      (rs, i) ->
          new App(
              rs.getString("app_id"),
              rs.getString("seller_id"),
              rs.getString("name"),
              rs.getString("app_public_key"),
              rs.getString("app_private_key"),
              rs.getString("alipay_public_key"),
              rs.getString("alipay_private_key"),
              rs.getBoolean("is_default"),
              rs.getBoolean("openid_mode"),
              rs.getBoolean("cert_mode"),
              rs.getString("app_cert"),
              rs.getString("app_cert_sn"),
              rs.getString("alipay_cert_sn"));

  private static final String COLUMNS =
      "app_id, seller_id, name, app_public_key, app_private_key, alipay_public_key,"
          + " alipay_private_key, is_default, openid_mode, cert_mode, app_cert, app_cert_sn,"
          + " alipay_cert_sn";

  private final SandboxDatabase db;

  public AppRepository(SandboxDatabase db) {
    this.db = db;
  }

  public Optional<App> find(String appId) {
    return db.jdbc().query("SELECT " + COLUMNS + " FROM apps WHERE app_id = ?", ROW, appId).stream()
        .findFirst();
  }

  public Optional<App> findDefault() {
    return db.jdbc().query("SELECT " + COLUMNS + " FROM apps WHERE is_default", ROW).stream()
        .findFirst();
  }

  public List<App> findAll() {
    return db.jdbc().query("SELECT " + COLUMNS + " FROM apps ORDER BY created_at, app_id", ROW);
  }

  public void insert(App app, long createdAt) {
    db.jdbc()
        .update(
            "INSERT INTO apps ("
                + COLUMNS
                + ", created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            app.appId(),
            app.sellerId(),
            app.name(),
            app.appPublicKey(),
            app.appPrivateKey(),
            app.alipayPublicKey(),
            app.alipayPrivateKey(),
            app.isDefault(),
            app.openidMode(),
            app.certMode(),
            app.appCert(),
            app.appCertSn(),
            app.alipayCertSn(),
            createdAt);
  }

  /** Returns false when there is no such app. */
  public boolean setOpenidMode(String appId, boolean openidMode) {
    return db.jdbc().update("UPDATE apps SET openid_mode = ? WHERE app_id = ?", openidMode, appId)
        == 1;
  }

  /**
   * A cert-mode app's new "Alipay" certificate and key pair; returns false when there is no such
   * cert-mode app.
   */
  public boolean rotateAlipayCert(
      String appId, String alipayCertSn, String alipayPublicKey, String alipayPrivateKey) {
    return db.jdbc()
            .update(
                "UPDATE apps SET alipay_cert_sn = ?, alipay_public_key = ?, alipay_private_key = ?"
                    + " WHERE app_id = ? AND cert_mode",
                alipayCertSn,
                alipayPublicKey,
                alipayPrivateKey,
                appId)
        == 1;
  }
}
