package io.paygate.sandbox.bills;

import io.paygate.sandbox.database.SandboxDatabase;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Repository;

/** Issued download URLs, and the trades and refunds a bill is made of. */
@Repository
public class BillRepository {

  /** An issued download. */
  public record Download(
      String token, String appId, String billType, String billDate, Instant expiresAt) {}

  /** A payment (kind 交易) or a refund (kind 退款) that happened in the period. */
  public record Entry(
      long id,
      boolean refund,
      String tradeNo,
      String outTradeNo,
      String subject,
      String buyerLogonId,
      BigDecimal totalAmount,
      BigDecimal amount,
      String outRequestNo,
      Instant createdAt,
      Instant at) {}

  private final SandboxDatabase db;

  public BillRepository(SandboxDatabase db) {
    this.db = db;
  }

  public void insert(Download download) {
    db.jdbc()
        .update(
            "INSERT INTO bill_downloads (token, app_id, bill_type, bill_date, expires_at)"
                + " VALUES (?, ?, ?, ?, ?)",
            download.token(),
            download.appId(),
            download.billType(),
            download.billDate(),
            download.expiresAt().toEpochMilli());
  }

  public Optional<Download> find(String token) {
    return db
        .jdbc()
        .query(
            "SELECT token, app_id, bill_type, bill_date, expires_at FROM bill_downloads"
                + " WHERE token = ?",
            (rs, i) ->
                new Download(
                    rs.getString("token"),
                    rs.getString("app_id"),
                    rs.getString("bill_type"),
                    rs.getString("bill_date"),
                    Instant.ofEpochMilli(rs.getLong("expires_at"))),
            token)
        .stream()
        .findFirst();
  }

  /** Payments and refunds of the app in [from, to), in time order. */
  public List<Entry> entries(String appId, Instant from, Instant to) {
    return db.jdbc()
        .query(
            "SELECT * FROM ("
                + " SELECT t.id AS id, FALSE AS is_refund, t.trade_no, t.out_trade_no, t.subject,"
                + " t.buyer_logon_id, t.total_amount, t.total_amount AS amount,"
                + " NULL AS out_request_no, t.opened_at, t.paid_at AS at FROM trades t"
                + " WHERE t.app_id = ? AND t.paid_at >= ? AND t.paid_at < ?"
                + " UNION ALL"
                + " SELECT r.id AS id, TRUE AS is_refund, t.trade_no, t.out_trade_no, t.subject,"
                + " t.buyer_logon_id, t.total_amount, r.refund_amount AS amount,"
                + " r.out_request_no, t.opened_at, r.refunded_at AS at"
                + " FROM refunds r JOIN trades t ON t.id = r.trade_id"
                + " WHERE t.app_id = ? AND r.completes_at IS NULL"
                + " AND r.refunded_at >= ? AND r.refunded_at < ?"
                + ") entries ORDER BY at, is_refund, id",
            (rs, i) ->
                new Entry(
                    rs.getLong("id"),
                    rs.getBoolean("is_refund"),
                    rs.getString("trade_no"),
                    rs.getString("out_trade_no"),
                    rs.getString("subject"),
                    rs.getString("buyer_logon_id"),
                    rs.getBigDecimal("total_amount"),
                    rs.getBigDecimal("amount"),
                    rs.getString("out_request_no"),
                    Instant.ofEpochMilli(rs.getLong("opened_at")),
                    Instant.ofEpochMilli(rs.getLong("at"))),
            appId,
            from.toEpochMilli(),
            to.toEpochMilli(),
            appId,
            from.toEpochMilli(),
            to.toEpochMilli());
  }

  /** The app's account balance before {@code at}: payments in, refunds out. */
  public BigDecimal balanceBefore(String appId, Instant at) {
    BigDecimal in =
        db.jdbc()
            .queryForObject(
                "SELECT COALESCE(SUM(total_amount), 0) FROM trades WHERE app_id = ? AND paid_at < ?",
                BigDecimal.class,
                appId,
                at.toEpochMilli());
    BigDecimal out =
        db.jdbc()
            .queryForObject(
                "SELECT COALESCE(SUM(r.refund_amount), 0) FROM refunds r JOIN trades t"
                    + " ON t.id = r.trade_id WHERE t.app_id = ? AND r.completes_at IS NULL"
                    + " AND r.refunded_at < ?",
                BigDecimal.class,
                appId,
                at.toEpochMilli());
    return in.subtract(out);
  }
}
