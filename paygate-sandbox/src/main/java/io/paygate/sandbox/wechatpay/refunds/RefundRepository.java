package io.paygate.sandbox.wechatpay.refunds;

import io.paygate.sandbox.database.SandboxDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

@Repository
public class RefundRepository {

  private static final String COLUMNS =
      "id, mchid, refund_id, out_refund_no, out_trade_no, transaction_id, reason, notify_url,"
          + " refund_fen, total_fen, status, created_at, success_at";
  private static final RowMapper<Refund> ROW =
      (rs, i) -> {
        long success = rs.getLong("success_at");
        Instant successAt = rs.wasNull() ? null : Instant.ofEpochMilli(success);
        return new Refund(
            rs.getLong("id"),
            rs.getString("mchid"),
            rs.getString("refund_id"),
            rs.getString("out_refund_no"),
            rs.getString("out_trade_no"),
            rs.getString("transaction_id"),
            rs.getString("reason"),
            rs.getString("notify_url"),
            rs.getLong("refund_fen"),
            rs.getLong("total_fen"),
            rs.getString("status"),
            Instant.ofEpochMilli(rs.getLong("created_at")),
            successAt);
      };

  private final SandboxDatabase db;

  public RefundRepository(SandboxDatabase db) {
    this.db = db;
  }

  /** Stores a refund; {@code completeAt} (null when done at once) ends its PROCESSING. */
  public void insert(Refund r, java.time.Instant completeAt) {
    db.jdbc()
        .update(
            "INSERT INTO wx_refunds (mchid, refund_id, out_refund_no, out_trade_no, transaction_id,"
                + " reason, notify_url, refund_fen, total_fen, status, created_at, success_at,"
                + " complete_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            r.mchid(),
            r.refundId(),
            r.outRefundNo(),
            r.outTradeNo(),
            r.transactionId(),
            r.reason(),
            r.notifyUrl(),
            r.refundFen(),
            r.totalFen(),
            r.status(),
            r.createdAt().toEpochMilli(),
            r.successAt() == null ? null : r.successAt().toEpochMilli(),
            completeAt == null ? null : completeAt.toEpochMilli());
  }

  /** PROCESSING refunds whose time has come. */
  public List<Refund> dueToComplete(Instant now) {
    return db.jdbc()
        .query(
            "SELECT "
                + COLUMNS
                + " FROM wx_refunds WHERE status = 'PROCESSING' AND complete_at <= ? ORDER BY id",
            ROW,
            now.toEpochMilli());
  }

  /** PROCESSING → SUCCESS at {@code at}; false if another scheduler did it first. */
  public boolean complete(long id, Instant at) {
    return db.jdbc()
            .update(
                "UPDATE wx_refunds SET status = 'SUCCESS', success_at = ?"
                    + " WHERE id = ? AND status = 'PROCESSING'",
                at.toEpochMilli(),
                id)
        == 1;
  }

  public Optional<Refund> byOutRefundNo(String mchid, String outRefundNo) {
    return db
        .jdbc()
        .query(
            "SELECT " + COLUMNS + " FROM wx_refunds WHERE mchid = ? AND out_refund_no = ?",
            ROW,
            mchid,
            outRefundNo)
        .stream()
        .findFirst();
  }

  /** The merchant's refunds completed in {@code [from, to)}, in order. */
  public List<Refund> succeededBetween(String mchid, Instant from, Instant to) {
    return db.jdbc()
        .query(
            "SELECT "
                + COLUMNS
                + " FROM wx_refunds WHERE mchid = ? AND success_at >= ? AND success_at < ?"
                + " ORDER BY success_at, id",
            ROW,
            mchid,
            from.toEpochMilli(),
            to.toEpochMilli());
  }

  public List<Refund> ofOrder(String mchid, String outTradeNo) {
    return db.jdbc()
        .query(
            "SELECT "
                + COLUMNS
                + " FROM wx_refunds WHERE mchid = ? AND out_trade_no = ? ORDER BY id",
            ROW,
            mchid,
            outTradeNo);
  }
}
