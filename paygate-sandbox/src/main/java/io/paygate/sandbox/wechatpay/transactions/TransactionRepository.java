package io.paygate.sandbox.wechatpay.transactions;

import io.paygate.sandbox.database.SandboxDatabase;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

@Repository
public class TransactionRepository {

  private static final String COLUMNS =
      "id, mchid, appid, out_trade_no, trade_type, description, attach, notify_url, total_fen,"
          + " payer_openid, fingerprint, prepay_id, code_url, time_expire, trade_state,"
          + " transaction_id, paid_openid, payer_id, success_at, refunded_fen, created_at";
  private static final RowMapper<Transaction> ROW =
      (rs, i) -> {
        long success = rs.getLong("success_at");
        Instant successAt = rs.wasNull() ? null : Instant.ofEpochMilli(success);
        long payer = rs.getLong("payer_id");
        Long payerId = rs.wasNull() ? null : payer;
        return new Transaction(
            rs.getLong("id"),
            rs.getString("mchid"),
            rs.getString("appid"),
            rs.getString("out_trade_no"),
            TradeType.valueOf(rs.getString("trade_type")),
            rs.getString("description"),
            rs.getString("attach"),
            rs.getString("notify_url"),
            rs.getLong("total_fen"),
            rs.getString("payer_openid"),
            rs.getString("fingerprint"),
            rs.getString("prepay_id"),
            rs.getString("code_url"),
            Instant.ofEpochMilli(rs.getLong("time_expire")),
            TradeState.valueOf(rs.getString("trade_state")),
            rs.getString("transaction_id"),
            rs.getString("paid_openid"),
            payerId,
            successAt,
            rs.getLong("refunded_fen"),
            Instant.ofEpochMilli(rs.getLong("created_at")));
      };

  private final SandboxDatabase db;

  public TransactionRepository(SandboxDatabase db) {
    this.db = db;
  }

  public void insert(Transaction t) {
    db.jdbc()
        .update(
            "INSERT INTO wx_transactions (mchid, appid, out_trade_no, trade_type, description,"
                + " attach, notify_url, total_fen, payer_openid, fingerprint, prepay_id, code_url,"
                + " time_expire, trade_state, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            t.mchid(),
            t.appid(),
            t.outTradeNo(),
            t.tradeType().name(),
            t.description(),
            t.attach(),
            t.notifyUrl(),
            t.totalFen(),
            t.payerOpenid(),
            t.fingerprint(),
            t.prepayId(),
            t.codeUrl(),
            t.timeExpire().toEpochMilli(),
            t.tradeState().name(),
            t.createdAt().toEpochMilli());
  }

  public Optional<Transaction> byOutTradeNo(String mchid, String outTradeNo) {
    return db
        .jdbc()
        .query(
            "SELECT " + COLUMNS + " FROM wx_transactions WHERE mchid = ? AND out_trade_no = ?",
            ROW,
            mchid,
            outTradeNo)
        .stream()
        .findFirst();
  }

  public Optional<Transaction> byTransactionId(String mchid, String transactionId) {
    return db
        .jdbc()
        .query(
            "SELECT " + COLUMNS + " FROM wx_transactions WHERE mchid = ? AND transaction_id = ?",
            ROW,
            mchid,
            transactionId)
        .stream()
        .findFirst();
  }

  public Optional<Transaction> byPrepayId(String prepayId) {
    return db
        .jdbc()
        .query("SELECT " + COLUMNS + " FROM wx_transactions WHERE prepay_id = ?", ROW, prepayId)
        .stream()
        .findFirst();
  }

  /** The merchant's orders paid in {@code [from, to)}, in payment order. */
  public java.util.List<Transaction> paidBetween(String mchid, Instant from, Instant to) {
    return db.jdbc()
        .query(
            "SELECT "
                + COLUMNS
                + " FROM wx_transactions WHERE mchid = ? AND success_at >= ? AND success_at < ?"
                + " ORDER BY success_at, id",
            ROW,
            mchid,
            from.toEpochMilli(),
            to.toEpochMilli());
  }

  /** The order locked for the rest of the transaction (refunds of one order queue up here). */
  public Optional<Transaction> lock(String mchid, String outTradeNo) {
    return db
        .jdbc()
        .query(
            "SELECT "
                + COLUMNS
                + " FROM wx_transactions WHERE mchid = ? AND out_trade_no = ? FOR UPDATE",
            ROW,
            mchid,
            outTradeNo)
        .stream()
        .findFirst();
  }

  public java.util.List<Transaction> recent(int limit) {
    return db.jdbc()
        .query("SELECT " + COLUMNS + " FROM wx_transactions ORDER BY id DESC LIMIT ?", ROW, limit);
  }

  /** NOTPAY → SUCCESS; false if it was not NOTPAY any more. */
  public boolean pay(long id, String transactionId, String openid, long payerId, Instant at) {
    return db.jdbc()
            .update(
                "UPDATE wx_transactions SET trade_state = 'SUCCESS', transaction_id = ?,"
                    + " paid_openid = ?, payer_id = ?, success_at = ?"
                    + " WHERE id = ? AND trade_state = 'NOTPAY'",
                transactionId,
                openid,
                payerId,
                at.toEpochMilli(),
                id)
        == 1;
  }

  /** NOTPAY → CLOSED; false if it was not NOTPAY. */
  public boolean close(long id) {
    return db.jdbc()
            .update(
                "UPDATE wx_transactions SET trade_state = 'CLOSED'"
                    + " WHERE id = ? AND trade_state = 'NOTPAY'",
                id)
        == 1;
  }

  /** A refund accepted: SUCCESS or REFUND → REFUND, the refunded sum grown (under the lock). */
  public void refund(long id, long fen) {
    db.jdbc()
        .update(
            "UPDATE wx_transactions SET trade_state = 'REFUND', refunded_fen = refunded_fen + ?"
                + " WHERE id = ? AND trade_state IN ('SUCCESS', 'REFUND')",
            fen,
            id);
  }
}
