package io.paygate.sandbox.refunds;

import io.paygate.sandbox.support.SandboxDatabase;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

@Repository
public class RefundRepository {

  private static final RowMapper<Refund> ROW =
      (rs, i) ->
          new Refund(
              rs.getLong("trade_id"),
              rs.getString("out_request_no"),
              rs.getBigDecimal("refund_amount"),
              rs.getString("refund_reason"),
              Instant.ofEpochMilli(rs.getLong("refunded_at")));

  private final SandboxDatabase db;

  public RefundRepository(SandboxDatabase db) {
    this.db = db;
  }

  public Optional<Refund> find(long tradeId, String outRequestNo) {
    return db
        .jdbc()
        .query(
            "SELECT trade_id, out_request_no, refund_amount, refund_reason, refunded_at"
                + " FROM refunds WHERE trade_id = ? AND out_request_no = ?",
            ROW,
            tradeId,
            outRequestNo)
        .stream()
        .findFirst();
  }

  public void insert(Refund refund) {
    db.jdbc()
        .update(
            "INSERT INTO refunds (trade_id, out_request_no, refund_amount, refund_reason,"
                + " refunded_at) VALUES (?, ?, ?, ?, ?)",
            refund.tradeId(),
            refund.outRequestNo(),
            refund.amount(),
            refund.reason(),
            refund.refundedAt().toEpochMilli());
  }
}
