package io.paygate.sandbox.trades;

import io.paygate.sandbox.support.AlipayTime;
import io.paygate.sandbox.support.Ids;
import io.paygate.sandbox.support.SandboxDatabase;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** Orders/trades. State changes are conditional updates, so applying one twice changes nothing. */
@Repository
public class TradeRepository {

  private static final String COLUMNS =
      "id, app_id, out_trade_no, method, product_code, total_amount, subject, body,"
          + " passback_params, notify_url, return_url, charset, cashier_token, expires_at,"
          + " created_at, trade_no, trade_status, buyer_logon_id, buyer_user_id, opened_at,"
          + " paid_at, closed_at, refunded_amount";

  private static final RowMapper<Trade> ROW =
      (rs, i) ->
          new Trade(
              rs.getLong("id"),
              rs.getString("app_id"),
              rs.getString("out_trade_no"),
              rs.getString("method"),
              rs.getString("product_code"),
              rs.getBigDecimal("total_amount"),
              rs.getString("subject"),
              rs.getString("body"),
              rs.getString("passback_params"),
              rs.getString("notify_url"),
              rs.getString("return_url"),
              rs.getString("charset"),
              rs.getString("cashier_token"),
              instant(rs, "expires_at"),
              instant(rs, "created_at"),
              rs.getString("trade_no"),
              rs.getString("trade_status") == null
                  ? null
                  : TradeStatus.valueOf(rs.getString("trade_status")),
              rs.getString("buyer_logon_id"),
              rs.getString("buyer_user_id"),
              instant(rs, "opened_at"),
              instant(rs, "paid_at"),
              instant(rs, "closed_at"),
              rs.getBigDecimal("refunded_amount"));

  private final SandboxDatabase db;

  public TradeRepository(SandboxDatabase db) {
    this.db = db;
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    long millis = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
  }

  private static Long millis(Instant instant) {
    return instant == null ? null : instant.toEpochMilli();
  }

  public Optional<Trade> byOutTradeNo(String appId, String outTradeNo) {
    return one("WHERE app_id = ? AND out_trade_no = ?", appId, outTradeNo);
  }

  public Optional<Trade> byTradeNo(String appId, String tradeNo) {
    return one("WHERE app_id = ? AND trade_no = ?", appId, tradeNo);
  }

  /** trade_no is unique across apps: Alipay's own tools (its console) find a trade by it alone. */
  public Optional<Trade> byTradeNo(String tradeNo) {
    return one("WHERE trade_no = ?", tradeNo);
  }

  public Optional<Trade> byToken(String token) {
    return one("WHERE cashier_token = ?", token);
  }

  public Optional<Trade> byId(long id) {
    return one("WHERE id = ?", id);
  }

  /** Re-reads the row under a row lock; call inside a transaction. */
  public Optional<Trade> lock(long id) {
    return one("WHERE id = ? FOR UPDATE", id);
  }

  public List<Trade> recent(int limit) {
    return db.jdbc()
        .query("SELECT " + COLUMNS + " FROM trades ORDER BY id DESC LIMIT ?", ROW, limit);
  }

  public List<Trade> waitingExpiredBy(Instant now) {
    return db.jdbc()
        .query(
            "SELECT "
                + COLUMNS
                + " FROM trades WHERE trade_status = 'WAIT_BUYER_PAY'"
                + " AND expires_at <= ? ORDER BY id",
            ROW,
            now.toEpochMilli());
  }

  public List<Trade> paidBefore(Instant paidBefore) {
    return db.jdbc()
        .query(
            "SELECT "
                + COLUMNS
                + " FROM trades WHERE trade_status = 'TRADE_SUCCESS'"
                + " AND paid_at <= ? ORDER BY id",
            ROW,
            paidBefore.toEpochMilli());
  }

  private Optional<Trade> one(String where, Object... args) {
    return db.jdbc().query("SELECT " + COLUMNS + " FROM trades " + where, ROW, args).stream()
        .findFirst();
  }

  /** The order as posted by the browser; no trade yet. */
  public long insertOrder(NewOrder order, String token, Instant expiresAt, Instant now) {
    db.jdbc()
        .update(
            "INSERT INTO trades (app_id, out_trade_no, method, product_code, total_amount,"
                + " subject, body, passback_params, notify_url, return_url, charset,"
                + " cashier_token, expires_at, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            order.appId(),
            order.outTradeNo(),
            order.method(),
            order.productCode(),
            order.totalAmount(),
            order.subject(),
            order.body(),
            order.passbackParams(),
            order.notifyUrl(),
            order.returnUrl(),
            order.charset(),
            token,
            expiresAt.toEpochMilli(),
            now.toEpochMilli());
    return byToken(token).orElseThrow().id();
  }

  /** A new trade_no: the Beijing date of {@code now}, "22", random digits and a sequence. */
  private String nextTradeNo(Instant now) {
    String day = AlipayTime.format(now).substring(0, 10).replace("-", "");
    Long seq = db.jdbc().queryForObject("SELECT NEXT VALUE FOR trade_seq", Long.class);
    return day + "22" + Ids.digits(10) + String.format("%08d", seq);
  }

  /** Order -> WAIT_BUYER_PAY, with a new trade_no; false if it was opened already. */
  public boolean open(long id, Instant now) {
    return db.jdbc()
            .update(
                "UPDATE trades SET trade_no = ?, trade_status = 'WAIT_BUYER_PAY', opened_at = ?"
                    + " WHERE id = ? AND trade_status IS NULL",
                nextTradeNo(now),
                now.toEpochMilli(),
                id)
        == 1;
  }

  public void setBuyer(long id, String logonId, String userId) {
    db.jdbc()
        .update(
            "UPDATE trades SET buyer_logon_id = ?, buyer_user_id = ? WHERE id = ?",
            logonId,
            userId,
            id);
  }

  public boolean markPaid(long id, Instant now) {
    return db.jdbc()
            .update(
                "UPDATE trades SET trade_status = 'TRADE_SUCCESS', paid_at = ?"
                    + " WHERE id = ? AND trade_status = 'WAIT_BUYER_PAY'",
                now.toEpochMilli(),
                id)
        == 1;
  }

  public boolean transition(long id, TradeStatus from, TradeStatus to, Instant closedAt) {
    return db.jdbc()
            .update(
                "UPDATE trades SET trade_status = ?, closed_at = COALESCE(?, closed_at)"
                    + " WHERE id = ? AND trade_status = ?",
                to.name(),
                millis(closedAt),
                id,
                from.name())
        == 1;
  }

  public void addRefunded(long id, BigDecimal amount) {
    db.jdbc()
        .update("UPDATE trades SET refunded_amount = refunded_amount + ? WHERE id = ?", amount, id);
  }
}
