package io.paygate.sandbox.refunds;

import io.paygate.sandbox.database.SandboxDatabase;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

@Repository
public class RefundRepository {

  private static final String COLUMNS =
      "trade_id, out_request_no, refund_amount, refund_reason, refunded_at, completes_at";

  private static final RowMapper<Refund> ROW =
      (rs, i) ->
          new Refund(
              rs.getLong("trade_id"),
              rs.getString("out_request_no"),
              rs.getBigDecimal("refund_amount"),
              rs.getString("refund_reason"),
              Instant.ofEpochMilli(rs.getLong("refunded_at")),
              completesAt(rs));

  private final SandboxDatabase db;

  public RefundRepository(SandboxDatabase db) {
    this.db = db;
  }

  private static Instant completesAt(ResultSet rs) throws SQLException {
    long millis = rs.getLong("completes_at");
    return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
  }

  public Optional<Refund> find(long tradeId, String outRequestNo) {
    return db
        .jdbc()
        .query(
            "SELECT " + COLUMNS + " FROM refunds WHERE trade_id = ? AND out_request_no = ?",
            ROW,
            tradeId,
            outRequestNo)
        .stream()
        .findFirst();
  }

  public void insert(Refund refund) {
    db.jdbc()
        .update(
            "INSERT INTO refunds (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)",
            refund.tradeId(),
            refund.outRequestNo(),
            refund.amount(),
            refund.reason(),
            refund.refundedAt().toEpochMilli(),
            refund.completesAt() == null ? null : refund.completesAt().toEpochMilli());
  }

  /** What the trade's refunds still processing will take back: it is no longer refundable. */
  public BigDecimal processingAmount(long tradeId) {
    return db.jdbc()
        .queryForObject(
            "SELECT COALESCE(SUM(refund_amount), 0) FROM refunds"
                + " WHERE trade_id = ? AND completes_at IS NOT NULL",
            BigDecimal.class,
            tradeId);
  }

  /** Refunds still processing whose time has come. */
  public List<Refund> completingBy(Instant now) {
    return db.jdbc()
        .query(
            "SELECT " + COLUMNS + " FROM refunds WHERE completes_at <= ? ORDER BY completes_at, id",
            ROW,
            now.toEpochMilli());
  }

  /** Marks a processing refund completed at {@code now}; false if it was completed already. */
  public boolean complete(long tradeId, String outRequestNo, Instant now) {
    return db.jdbc()
            .update(
                "UPDATE refunds SET completes_at = NULL, refunded_at = ?"
                    + " WHERE trade_id = ? AND out_request_no = ? AND completes_at IS NOT NULL",
                now.toEpochMilli(),
                tradeId,
                outRequestNo)
        == 1;
  }
}
