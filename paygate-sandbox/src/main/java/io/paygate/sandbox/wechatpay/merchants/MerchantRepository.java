package io.paygate.sandbox.wechatpay.merchants;

import io.paygate.sandbox.database.SandboxDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

@Repository
public class MerchantRepository {

  private static final String COLUMNS =
      "mchid, appid, key_mode, merchant_private_key, merchant_certificate, merchant_serial_no,"
          + " apiv3_key, public_key, public_key_private, public_key_id, is_default, created_at";
  private static final RowMapper<Merchant> MERCHANT =
      (rs, i) ->
          new Merchant(
              rs.getString("mchid"),
              rs.getString("appid"),
              KeyMode.valueOf(rs.getString("key_mode")),
              rs.getString("merchant_private_key"),
              rs.getString("merchant_certificate"),
              rs.getString("merchant_serial_no"),
              rs.getString("apiv3_key"),
              rs.getString("public_key"),
              rs.getString("public_key_private"),
              rs.getString("public_key_id"),
              rs.getBoolean("is_default"),
              Instant.ofEpochMilli(rs.getLong("created_at")));
  private static final RowMapper<PlatformCert> CERT =
      (rs, i) ->
          new PlatformCert(
              rs.getString("serial_no"),
              rs.getString("mchid"),
              rs.getString("certificate"),
              rs.getString("private_key"),
              Instant.ofEpochMilli(rs.getLong("effective_at")),
              Instant.ofEpochMilli(rs.getLong("expire_at")));

  private final SandboxDatabase db;

  public MerchantRepository(SandboxDatabase db) {
    this.db = db;
  }

  public void insert(Merchant m) {
    db.jdbc()
        .update(
            "INSERT INTO wx_merchants ("
                + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            m.mchid(),
            m.appid(),
            m.keyMode().name(),
            m.merchantPrivateKey(),
            m.merchantCertificate(),
            m.merchantSerialNo(),
            m.apiV3Key(),
            m.publicKey(),
            m.publicKeyPrivate(),
            m.publicKeyId(),
            m.isDefault(),
            m.createdAt().toEpochMilli());
  }

  public Optional<Merchant> find(String mchid) {
    return db
        .jdbc()
        .query("SELECT " + COLUMNS + " FROM wx_merchants WHERE mchid = ?", MERCHANT, mchid)
        .stream()
        .findFirst();
  }

  public Optional<Merchant> findDefault() {
    return db
        .jdbc()
        .query("SELECT " + COLUMNS + " FROM wx_merchants WHERE is_default", MERCHANT)
        .stream()
        .findFirst();
  }

  public List<Merchant> all() {
    return db.jdbc()
        .query("SELECT " + COLUMNS + " FROM wx_merchants ORDER BY created_at, mchid", MERCHANT);
  }

  public void bindAppid(String mchid, String appid) {
    db.jdbc()
        .update(
            "INSERT INTO wx_merchant_appids (appid, mchid, created_at) VALUES (?, ?, ?)",
            appid,
            mchid,
            System.currentTimeMillis());
  }

  /** The appid's AppSecret, if it has one yet. */
  public Optional<String> appSecret(String appid) {
    return db
        .jdbc()
        .queryForList("SELECT app_secret FROM wx_app_secrets WHERE appid = ?", String.class, appid)
        .stream()
        .findFirst();
  }

  public void insertAppSecret(String appid, String secret) {
    db.jdbc()
        .update(
            "INSERT INTO wx_app_secrets (appid, app_secret, created_at) VALUES (?, ?, ?)",
            appid,
            secret,
            System.currentTimeMillis());
  }

  /** The appids bound later (the merchant's first is {@link Merchant#appid()}). */
  public List<String> extraAppids(String mchid) {
    return db.jdbc()
        .queryForList(
            "SELECT appid FROM wx_merchant_appids WHERE mchid = ? ORDER BY created_at, appid",
            String.class,
            mchid);
  }

  public void insertCert(PlatformCert c) {
    db.jdbc()
        .update(
            "INSERT INTO wx_platform_certs (serial_no, mchid, certificate, private_key,"
                + " effective_at, expire_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            c.serialNo(),
            c.mchid(),
            c.certificate(),
            c.privateKey(),
            c.effectiveAt().toEpochMilli(),
            c.expireAt().toEpochMilli(),
            System.currentTimeMillis());
  }

  /** The merchant's platform certificates, newest (latest expiry) first. */
  public List<PlatformCert> certs(String mchid) {
    return db.jdbc()
        .query(
            "SELECT serial_no, mchid, certificate, private_key, effective_at, expire_at"
                + " FROM wx_platform_certs WHERE mchid = ? ORDER BY expire_at DESC",
            CERT,
            mchid);
  }
}
