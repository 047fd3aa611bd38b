package io.paygate.sandbox.trades;

import io.paygate.sandbox.database.SandboxDatabase;
import io.paygate.sandbox.wire.AlipayTime;
import io.paygate.sandbox.wire.Ids;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * Orders/trades. A status changes only in {@link #apply}, by a transition of {@link
 * TradeTransition}: a conditional update, so applying one twice (or two racing ones) changes once.
 */
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
              TradeStatus.valueOf(rs.getString("trade_status")),
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

  /** The order as posted by the browser; no trade yet (ORDER). */
  public long insertOrder(NewOrder order, String token, Instant expiresAt, Instant now) {
    db.jdbc()
        .update(
            "INSERT INTO trades (app_id, out_trade_no, method, product_code, total_amount,"
                + " subject, body, passback_params, notify_url, return_url, charset,"
                + " cashier_token, expires_at, created_at, trade_status)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
            now.toEpochMilli(),
            TradeStatus.ORDER.name());
    return byToken(token).orElseThrow().id();
  }

  /**
   * Puts a new order in the place of one nobody opened (still ORDER), under a new cashier token:
   * the old order's code and cashier link no longer lead anywhere.
   *
   * @return false when the order was opened meanwhile
   */
  public boolean replaceOrder(
      long id, NewOrder order, String token, Instant expiresAt, Instant now) {
    return db.jdbc()
            .update(
                "UPDATE trades SET method = ?, product_code = ?, total_amount = ?, subject = ?,"
                    + " body = ?, passback_params = ?, notify_url = ?, return_url = ?, charset = ?,"
                    + " cashier_token = ?, expires_at = ?, created_at = ?"
                    + " WHERE id = ? AND trade_status = ?",
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
                now.toEpochMilli(),
                id,
                TradeStatus.ORDER.name())
        == 1;
  }

  /** A new trade_no: the Beijing date of {@code now}, "22", random digits and a sequence. */
  private String nextTradeNo(Instant now) {
    String day = AlipayTime.format(now).substring(0, 10).replace("-", "");
    Long seq = db.jdbc().queryForObject("SELECT NEXT VALUE FOR trade_seq", Long.class);
    return day + "22" + Ids.digits(10) + String.format("%08d", seq);
  }

  public void setBuyer(long id, String logonId, String userId) {
    db.jdbc()
        .update(
            "UPDATE trades SET buyer_logon_id = ?, buyer_user_id = ? WHERE id = ?",
            logonId,
            userId,
            id);
  }

  /**
   * Applies {@code transition} if the trade is in one of its from-states, recording when (and for
   * OPEN the new trade_no); false, and nothing changed, otherwise.
   */
  public boolean apply(long id, TradeTransition transition, Instant now) {
    Stamp stamp =
        switch (transition) {
          case OPEN ->
              new Stamp(", trade_no = ?, opened_at = ?", nextTradeNo(now), now.toEpochMilli());
          case PAY -> new Stamp(", paid_at = ?", now.toEpochMilli());
          case CLOSE, EXPIRE, REFUND_ALL -> new Stamp(", closed_at = ?", now.toEpochMilli());
          case REFUND_PART, FINISH -> new Stamp("");
        };
    List<Object> args = new ArrayList<>();
    args.add(transition.to().name());
    args.addAll(List.of(stamp.values()));
    args.add(id);
    List<String> from = transition.from().stream().map(TradeStatus::name).toList();
    args.addAll(from);
    String in = String.join(", ", Collections.nCopies(from.size(), "?"));
    String sql =
        "UPDATE trades SET trade_status = ?"
            + stamp.columns()
            + " WHERE id = ? AND trade_status IN ("
            + in
            + ")";
    return db.jdbc().update(sql, args.toArray()) == 1;
  }

  /** What a transition records besides the status: the columns to set and their values. */
  private record Stamp(String columns, Object... values) {}

  public void addRefunded(long id, BigDecimal amount) {
    db.jdbc()
        .update("UPDATE trades SET refunded_amount = refunded_amount + ? WHERE id = ?", amount, id);
  }
}
