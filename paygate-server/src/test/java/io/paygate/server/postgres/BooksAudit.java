package io.paygate.server.postgres;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Our books against the sandbox's (both "Alipay's" and the offline WeChat Pay's, each payment
 * against the channel that has its out_trade_no), payment by payment: paid here exactly when paid
 * there, refunded totals equal to the cent (WeChat Pay's: the sum of its successful refunds, in
 * fen), never more refunded than paid, every refunded total the sum of its refunds, nothing left
 * pending.
 */
final class BooksAudit {

  record Ours(String status, BigDecimal total, BigDecimal refunded, String attention) {
    boolean paid() {
      return List.of("PAID", "PARTIALLY_REFUNDED", "REFUNDED").contains(status);
    }
  }

  record Theirs(boolean paid, BigDecimal total, BigDecimal refunded) {}

  private final JdbcClient ours;
  private final JdbcTemplate sandbox;
  final Map<String, Ours> books = new HashMap<>();
  final Map<String, Theirs> alipay = new HashMap<>();
  final Map<String, Theirs> wechatpay = new HashMap<>();
  final List<String> problems = new ArrayList<>();

  BooksAudit(JdbcClient ours, JdbcTemplate sandbox) {
    this.ours = ours;
    this.sandbox = sandbox;
    read();
    compare();
  }

  private void read() {
    ours.sql("SELECT out_trade_no, status, total_amount, refunded_amount, attention FROM payments")
        .query(
            (row, i) ->
                books.put(
                    row.getString("out_trade_no"),
                    new Ours(
                        row.getString("status"),
                        row.getBigDecimal("total_amount"),
                        row.getBigDecimal("refunded_amount"),
                        row.getString("attention"))))
        .list();
    sandbox.query(
        "SELECT out_trade_no, paid_at, total_amount, refunded_amount FROM trades",
        (row, i) ->
            alipay.put(
                row.getString("out_trade_no"),
                new Theirs(
                    row.getObject("paid_at") != null,
                    row.getBigDecimal("total_amount"),
                    row.getBigDecimal("refunded_amount"))));
    sandbox.query(
        "SELECT t.out_trade_no, t.success_at, t.total_fen, (SELECT COALESCE(SUM(r.refund_fen), 0)"
            + " FROM wx_refunds r WHERE r.mchid = t.mchid AND r.out_trade_no = t.out_trade_no"
            + " AND r.status = 'SUCCESS') AS refunded_fen FROM wx_transactions t",
        (row, i) ->
            wechatpay.put(
                row.getString("out_trade_no"),
                new Theirs(
                    row.getObject("success_at") != null,
                    BigDecimal.valueOf(row.getLong("total_fen"), 2),
                    BigDecimal.valueOf(row.getLong("refunded_fen"), 2))));
  }

  /** The channel's record of the payment, whichever channel has it. */
  private Theirs theirs(String no) {
    Theirs atWechatPay = wechatpay.get(no);
    return atWechatPay != null ? atWechatPay : alipay.get(no);
  }

  private void compare() {
    books.forEach(
        (no, mine) -> {
          Theirs theirs = theirs(no);
          boolean paidThere = theirs != null && theirs.paid();
          if (mine.paid() != paidThere) {
            problems.add(no + " ours " + mine + ", the channel's " + theirs);
            return;
          }
          if (theirs != null && mine.total().compareTo(theirs.total()) != 0) {
            problems.add(no + " total: ours " + mine.total() + ", the channel's " + theirs.total());
          }
          if (mine.status().equals("PENDING")) {
            problems.add(no + " still PENDING after its expiry");
          }
          BigDecimal refundedThere = theirs == null ? BigDecimal.ZERO : theirs.refunded();
          if (mine.refunded().compareTo(refundedThere) != 0) {
            problems.add(
                no + " refunded: ours " + mine.refunded() + ", the channel's " + refundedThere);
          }
          if (mine.refunded().compareTo(mine.total()) > 0) {
            problems.add(no + " refunded more than paid");
          }
        });
    alipay.forEach(
        (no, theirs) -> {
          if (theirs.paid() && !books.containsKey(no)) {
            problems.add(no + " paid at Alipay, unknown here");
          }
        });
    wechatpay.forEach(
        (no, theirs) -> {
          if (theirs.paid() && !books.containsKey(no)) {
            problems.add(no + " paid at WeChat Pay, unknown here");
          }
        });
    int pending =
        ours.sql("SELECT COUNT(*) FROM refunds WHERE status = 'PENDING'")
            .query(Integer.class)
            .single();
    if (pending > 0) {
      problems.add(pending + " refunds still PENDING");
    }
    ours.sql(
            "SELECT p.out_trade_no FROM payments p WHERE p.refunded_amount <>"
                + " (SELECT COALESCE(SUM(r.refund_amount), 0) FROM refunds r"
                + " WHERE r.out_trade_no = p.out_trade_no AND r.status = 'SUCCEEDED')")
        .query(String.class)
        .list()
        .forEach(no -> problems.add(no + " refunded_amount is not the sum of its refunds"));
  }

  Map<String, Integer> statuses() {
    Map<String, Integer> statuses = new HashMap<>();
    books.values().forEach(p -> statuses.merge(p.status(), 1, Integer::sum));
    return statuses;
  }

  int count(String sql) {
    return ours.sql(sql).query(Integer.class).single();
  }

  int countAtAlipay(String sql) {
    return sandbox.queryForObject(sql, Integer.class);
  }

  /** A mismatch with both sides' refunds and the payment's history, to see what happened. */
  String explain(String problem) {
    String no = problem.split(" ")[0];
    List<String> ourRefunds =
        ours.sql(
                "SELECT out_request_no || ' ' || refund_amount || ' ' || status || ' ' || origin"
                    + " FROM refunds WHERE out_trade_no = ? ORDER BY created_at")
            .param(no)
            .query(String.class)
            .list();
    List<String> theirs =
        new ArrayList<>(
            sandbox.queryForList(
                "SELECT r.out_request_no || ' ' || r.refund_amount FROM refunds r"
                    + " JOIN trades t ON r.trade_id = t.id WHERE t.out_trade_no = ?",
                String.class,
                no));
    theirs.addAll(
        sandbox.queryForList(
            "SELECT out_refund_no || ' ' || refund_fen || ' fen ' || status FROM wx_refunds"
                + " WHERE out_trade_no = ?",
            String.class,
            no));
    List<String> history =
        ours.sql(
                "SELECT operation || ' ' || outcome FROM exchanges WHERE out_trade_no = ?"
                    + " ORDER BY id")
            .param(no)
            .query(String.class)
            .list();
    return problem
        + "\n  our refunds "
        + ourRefunds
        + "\n  the channel's refunds "
        + theirs
        + "\n  history "
        + history;
  }
}
