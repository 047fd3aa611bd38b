package io.paygate.server.refunds;

import static io.paygate.server.database.Times.column;
import static io.paygate.server.database.Times.read;

import io.paygate.core.money.Money;
import io.paygate.core.refunds.Refund;
import io.paygate.core.refunds.RefundChange;
import io.paygate.core.refunds.RefundOrigin;
import io.paygate.core.refunds.RefundRepository;
import io.paygate.core.refunds.RefundStatus;
import io.paygate.core.refunds.RefundTransition;
import io.paygate.server.database.Where;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Refunds in the {@code refunds} table. */
@Repository
public class JdbcRefundRepository implements RefundRepository {

  private static final String COLUMNS =
      "out_trade_no, out_request_no, refund_amount, reason, status, failure_code,"
          + " failure_message, created_at, updated_at, refunded_at, origin";

  private final JdbcClient jdbc;

  public JdbcRefundRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  // Announced changes: their facts must commit with them, so never outside a transaction.
  @Transactional(propagation = Propagation.MANDATORY)
  @Override
  public void insert(Refund r) {
    jdbc.sql("INSERT INTO refunds (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?)")
        .params(
            r.outTradeNo(),
            r.outRequestNo(),
            r.refundAmount().amount(),
            r.reason(),
            r.status().name(),
            r.failureCode(),
            r.failureMessage(),
            column(r.createdAt()),
            column(r.updatedAt()),
            column(r.refundedAt()),
            r.origin().name())
        .update();
  }

  @Override
  public Optional<Refund> find(String outTradeNo, String outRequestNo) {
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM refunds WHERE out_trade_no = ? AND out_request_no = ?")
        .params(outTradeNo, outRequestNo)
        .query(JdbcRefundRepository::map)
        .optional();
  }

  @Override
  public List<Refund> findByPayment(String outTradeNo) {
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM refunds WHERE out_trade_no = ? ORDER BY created_at")
        .param(outTradeNo)
        .query(JdbcRefundRepository::map)
        .list();
  }

  @Override
  public Money sumReserved(String outTradeNo) {
    return sum(outTradeNo, List.of(RefundStatus.PENDING.name(), RefundStatus.SUCCEEDED.name()));
  }

  @Override
  public Money sumSucceeded(String outTradeNo) {
    return sum(outTradeNo, List.of(RefundStatus.SUCCEEDED.name()));
  }

  private Money sum(String outTradeNo, List<String> statuses) {
    BigDecimal total =
        jdbc.sql(
                "SELECT COALESCE(SUM(refund_amount), 0) FROM refunds"
                    + " WHERE out_trade_no = :outTradeNo AND status IN (:statuses)")
            .param("outTradeNo", outTradeNo)
            .param("statuses", statuses)
            .query(BigDecimal.class)
            .single();
    return new Money(total);
  }

  // Announced changes: their facts must commit with them, so never outside a transaction.
  @Transactional(propagation = Propagation.MANDATORY)
  @Override
  public Optional<Refund> settle(Refund current, RefundChange change) {
    RefundTransition transition = change.transition();
    boolean changed =
        jdbc.sql(
                    "UPDATE refunds SET status = :status, failure_code = :code,"
                        + " failure_message = :message, updated_at = :at, refunded_at = :refundedAt"
                        + " WHERE out_trade_no = :outTradeNo AND out_request_no = :outRequestNo"
                        + " AND status IN (:from)")
                .param("status", transition.to().name())
                .param("code", change.failureCode())
                .param("message", change.failureMessage())
                .param("at", column(change.at()))
                .param("refundedAt", column(change.refundedAt()))
                .param("outTradeNo", current.outTradeNo())
                .param("outRequestNo", current.outRequestNo())
                .param("from", transition.from().stream().map(Enum::name).toList())
                .update()
            == 1;
    return changed ? Optional.of(current.settled(change)) : Optional.empty();
  }

  /**
   * The API's listing: newest first, created in [from, to), after the cursor refund; reads up to
   * {@code limit} rows, by (created_at, out_trade_no, out_request_no) with no OFFSET.
   */
  public List<Listed> list(
      java.util.Set<String> apps,
      String channel,
      RefundStatus status,
      Instant from,
      Instant to,
      String afterOutTradeNo,
      String afterOutRequestNo,
      int limit) {
    Where where = new Where().equal("status", status).between("created_at", from, to);
    if (apps != null && !apps.isEmpty()) {
      where.and(
          "out_trade_no IN (SELECT out_trade_no FROM payments WHERE app IN ("
              + Where.marks(apps.size())
              + "))",
          apps.toArray());
    }
    if (channel != null) {
      where.and("out_trade_no IN (SELECT out_trade_no FROM payments WHERE channel = ?)", channel);
    }
    if (afterOutTradeNo != null) {
      String at = "(SELECT created_at FROM refunds WHERE out_trade_no = ? AND out_request_no = ?)";
      where.and(
          "(created_at < "
              + at
              + " OR (created_at = "
              + at
              + " AND (out_trade_no < ? OR (out_trade_no = ? AND out_request_no < ?))))",
          afterOutTradeNo,
          afterOutRequestNo,
          afterOutTradeNo,
          afterOutRequestNo,
          afterOutTradeNo,
          afterOutTradeNo,
          afterOutRequestNo);
    }
    // The payment's channel comes in the same statement: a listing costs one read.
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + ", (SELECT p.channel FROM payments p WHERE p.out_trade_no = refunds.out_trade_no)"
                + " AS payment_channel FROM refunds"
                + where.sql()
                + " ORDER BY created_at DESC, out_trade_no DESC, out_request_no DESC FETCH FIRST "
                + limit
                + " ROWS ONLY")
        .params(where.params())
        .query((row, i) -> new Listed(map(row, i), row.getString("payment_channel")))
        .list();
  }

  /** A refund as a listing reads it, with its payment's channel. */
  public record Listed(Refund refund, String channel) {}

  private static Refund map(ResultSet row, int index) throws SQLException {
    return new Refund(
        row.getString("out_trade_no"),
        row.getString("out_request_no"),
        new Money(row.getBigDecimal("refund_amount")),
        row.getString("reason"),
        RefundStatus.valueOf(row.getString("status")),
        row.getString("failure_code"),
        row.getString("failure_message"),
        read(row, "created_at"),
        read(row, "updated_at"),
        read(row, "refunded_at"),
        RefundOrigin.valueOf(row.getString("origin")));
  }
}
