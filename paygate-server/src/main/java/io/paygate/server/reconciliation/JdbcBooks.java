package io.paygate.server.reconciliation;

import static io.paygate.server.database.Times.column;

import io.paygate.core.money.Money;
import io.paygate.core.payments.PaymentStatus;
import io.paygate.core.reconciliation.Books;
import io.paygate.core.refunds.RefundStatus;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Our books over a bill's window, straight from the payments and refunds tables. */
@Repository
public class JdbcBooks implements Books {

  private final JdbcClient jdbc;

  public JdbcBooks(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public List<BookedPayment> paidBetween(String channel, String app, Instant from, Instant to) {
    return jdbc.sql(
            "SELECT out_trade_no, trade_no, status, total_amount FROM payments"
                + " WHERE channel = :channel AND app = :app AND status IN (:paid) AND paid_at >= :from AND paid_at < :to"
                + " ORDER BY paid_at, out_trade_no")
        .param("channel", channel)
        .param("app", app)
        .param("paid", PaymentStatus.PAID_STATUSES.stream().map(Enum::name).toList())
        .param("from", column(from))
        .param("to", column(to))
        .query(
            (row, i) ->
                new BookedPayment(
                    row.getString("out_trade_no"),
                    row.getString("trade_no"),
                    PaymentStatus.valueOf(row.getString("status")),
                    new Money(row.getBigDecimal("total_amount"))))
        .list();
  }

  @Override
  public List<BookedRefund> refundedBetween(String channel, String app, Instant from, Instant to) {
    return jdbc.sql(
            "SELECT r.out_trade_no, r.out_request_no, p.trade_no, r.refund_amount"
                + " FROM refunds r JOIN payments p ON p.out_trade_no = r.out_trade_no"
                + " WHERE p.channel = :channel AND p.app = :app AND r.status = :succeeded AND r.refunded_at >= :from AND r.refunded_at < :to"
                + " ORDER BY r.refunded_at, r.out_trade_no, r.out_request_no")
        .param("channel", channel)
        .param("app", app)
        .param("succeeded", RefundStatus.SUCCEEDED.name())
        .param("from", column(from))
        .param("to", column(to))
        .query(
            (row, i) ->
                new BookedRefund(
                    row.getString("out_trade_no"),
                    row.getString("out_request_no"),
                    row.getString("trade_no"),
                    RefundStatus.SUCCEEDED,
                    new Money(row.getBigDecimal("refund_amount"))))
        .list();
  }
}
