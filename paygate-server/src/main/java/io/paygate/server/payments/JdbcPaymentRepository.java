package io.paygate.server.payments;

import static io.paygate.server.database.Times.column;
import static io.paygate.server.database.Times.read;

import io.paygate.core.channel.Buyer;
import io.paygate.core.channel.ChannelTrade;
import io.paygate.core.channel.Product;
import io.paygate.core.money.Money;
import io.paygate.core.payments.Attention;
import io.paygate.core.payments.Payment;
import io.paygate.core.payments.PaymentRepository;
import io.paygate.core.payments.PaymentStatus;
import io.paygate.core.payments.PaymentTransition;
import io.paygate.server.database.Where;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Payments in the {@code payments} table; every state change is a conditional update. */
@Repository
public class JdbcPaymentRepository implements PaymentRepository {

  private static final String COLUMNS =
      "out_trade_no, product, total_amount, subject, body, status, trade_no, buyer_logon_id,"
          + " buyer_id, refunded_amount, created_at, updated_at, expires_at, paid_at, closed_at,"
          + " attention, app, for_buyer_id, for_buyer_open_id, for_op_app_id, finished_at, way,"
          + " channel";

  private final JdbcClient jdbc;

  public JdbcPaymentRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public boolean insert(Payment p) {
    try {
      jdbc.sql(
              "INSERT INTO payments ("
                  + COLUMNS
                  + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
          .params(
              p.outTradeNo(),
              p.product().name(),
              p.totalAmount().amount(),
              p.subject(),
              p.body(),
              p.status().name(),
              p.tradeNo(),
              p.buyerLogonId(),
              p.buyerId(),
              p.refundedAmount().amount(),
              column(p.createdAt()),
              column(p.updatedAt()),
              column(p.expiresAt()),
              column(p.paidAt()),
              column(p.closedAt()),
              p.attention() == null ? null : p.attention().name(),
              p.app(),
              p.buyer() == null ? null : p.buyer().userId(),
              p.buyer() == null ? null : p.buyer().openId(),
              p.buyer() == null ? null : p.buyer().opAppId(),
              column(p.finishedAt()),
              p.way() == null ? null : p.way().name(),
              p.channel())
          .update();
      return true;
    } catch (DuplicateKeyException taken) {
      return false;
    }
  }

  @Override
  public Optional<Payment> find(String outTradeNo) {
    return one("out_trade_no = ?", outTradeNo);
  }

  @Override
  public Optional<Payment> findByTradeNo(String tradeNo) {
    return one("trade_no = ?", tradeNo);
  }

  @Override
  public Optional<Payment> lock(String outTradeNo) {
    return one("out_trade_no = ? FOR UPDATE", outTradeNo);
  }

  private Optional<Payment> one(String condition, String value) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM payments WHERE " + condition)
        .param(value)
        .query(JdbcPaymentRepository::map)
        .optional();
  }

  // Announced changes: their facts must commit with them, so never outside a transaction.
  @Transactional(propagation = Propagation.MANDATORY)
  @Override
  public Optional<Payment> markPaid(Payment current, ChannelTrade trade, Instant at) {
    PaymentTransition paid = PaymentTransition.CONFIRM_PAID;
    Payment after = current.paid(trade, at);
    // A trade's number is one payment's only: another's makes this change nothing (and the unique
    // index would refuse it anyway, aborting the transaction on PostgreSQL).
    boolean changed =
        jdbc.sql(
                    "UPDATE payments SET status = :to, trade_no = :tradeNo,"
                        + " buyer_logon_id = :buyerLogonId, buyer_id = :buyerId,"
                        + " paid_at = :paidAt, updated_at = :at"
                        + " WHERE out_trade_no = :outTradeNo AND status IN (:from)"
                        + " AND NOT EXISTS (SELECT 1 FROM payments other"
                        + " WHERE other.trade_no = :tradeNo AND other.out_trade_no <> :outTradeNo)")
                .param("to", paid.to().name())
                .param("tradeNo", trade.tradeNo())
                .param("buyerLogonId", trade.buyerLogonId())
                .param("buyerId", trade.buyerId())
                .param("paidAt", column(after.paidAt()))
                .param("at", column(at))
                .param("outTradeNo", current.outTradeNo())
                .param("from", names(paid))
                .update()
            == 1;
    return changed ? Optional.of(after) : Optional.empty();
  }

  // Announced changes: their facts must commit with them, so never outside a transaction.
  @Transactional(propagation = Propagation.MANDATORY)
  @Override
  public Optional<Payment> apply(Payment current, PaymentTransition transition, Instant at) {
    String closedAt =
        transition.to() == PaymentStatus.CLOSED || transition.to() == PaymentStatus.FAILED
            ? ", closed_at = :at"
            : "";
    boolean changed =
        jdbc.sql(
                    "UPDATE payments SET status = :to, updated_at = :at"
                        + closedAt
                        + " WHERE out_trade_no = :outTradeNo AND status IN (:from)")
                .param("to", transition.to().name())
                .param("at", column(at))
                .param("outTradeNo", current.outTradeNo())
                .param("from", names(transition))
                .update()
            == 1;
    return changed ? Optional.of(current.moved(transition, at)) : Optional.empty();
  }

  // Announced changes: their facts must commit with them, so never outside a transaction.
  @Transactional(propagation = Propagation.MANDATORY)
  @Override
  public Optional<Payment> bookRefunds(
      Payment locked, Money refundedAmount, PaymentTransition transition, Instant at) {
    boolean changed =
        jdbc.sql(
                    "UPDATE payments SET refunded_amount = :refunded, status = :to,"
                        + " updated_at = :at WHERE out_trade_no = :outTradeNo"
                        + " AND status IN (:from)")
                .param("refunded", refundedAmount.amount())
                .param("to", transition.to().name())
                .param("at", column(at))
                .param("outTradeNo", locked.outTradeNo())
                .param("from", names(transition))
                .update()
            == 1;
    return changed
        ? Optional.of(locked.refunded(refundedAmount, transition, at))
        : Optional.empty();
  }

  // Announced changes: their facts must commit with them, so never outside a transaction.
  @Transactional(propagation = Propagation.MANDATORY)
  @Override
  public Optional<Payment> flag(Payment current, Attention attention, Instant at) {
    // Written only when it changes.
    int changed =
        jdbc.sql(
                "UPDATE payments SET attention = ?, updated_at = ? WHERE out_trade_no = ?"
                    + " AND (attention IS NULL OR attention <> ?)")
            .params(attention.name(), column(at), current.outTradeNo(), attention.name())
            .update();
    return changed == 1 ? Optional.of(current.flagged(attention, at)) : Optional.empty();
  }

  @Override
  public Optional<Payment> markFinished(Payment current, Instant at) {
    boolean changed =
        jdbc.sql(
                    "UPDATE payments SET finished_at = :at, updated_at = :at"
                        + " WHERE out_trade_no = :outTradeNo AND finished_at IS NULL"
                        + " AND status IN (:paid)")
                .param("at", column(at))
                .param("outTradeNo", current.outTradeNo())
                .param("paid", PaymentStatus.PAID_STATUSES.stream().map(Enum::name).toList())
                .update()
            == 1;
    return changed ? find(current.outTradeNo()) : Optional.empty();
  }

  @Override
  public Optional<Payment> openWay(
      Payment current, String channel, Product way, Buyer buyer, Instant at) {
    // Only from the way and buyer the caller read: two arrivals at once cannot both switch it.
    String same =
        (current.way() == null ? " AND way IS NULL" : " AND way = :was")
            + (current.buyer() == null
                ? " AND for_buyer_id IS NULL AND for_buyer_open_id IS NULL"
                : " AND COALESCE(for_buyer_id, '') = :wasBuyerId"
                    + " AND COALESCE(for_buyer_open_id, '') = :wasOpenId");
    var update =
        jdbc.sql(
                "UPDATE payments SET channel = :channel, way = :way, for_buyer_id = :buyerId,"
                    + " for_buyer_open_id = :openId, for_op_app_id = :opAppId, updated_at = :at"
                    + " WHERE out_trade_no = :outTradeNo AND status = 'PENDING'"
                    + " AND channel = :wasChannel"
                    + same)
            .param("channel", channel)
            .param("wasChannel", current.channel())
            .param("way", way.name())
            .param("buyerId", buyer == null ? null : buyer.userId())
            .param("openId", buyer == null ? null : buyer.openId())
            .param("opAppId", buyer == null ? null : buyer.opAppId())
            .param("at", column(at))
            .param("outTradeNo", current.outTradeNo());
    if (current.way() != null) {
      update = update.param("was", current.way().name());
    }
    if (current.buyer() != null) {
      update =
          update
              .param("wasBuyerId", nonNull(current.buyer().userId()))
              .param("wasOpenId", nonNull(current.buyer().openId()));
    }
    return update.update() == 1
        ? Optional.of(current.opened(channel, way, buyer, at))
        : Optional.empty();
  }

  private static String nonNull(String value) {
    return value == null ? "" : value;
  }

  @Override
  public List<Payment> findRecent(int limit) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM payments ORDER BY created_at DESC FETCH FIRST "
                + limit
                + " ROWS ONLY")
        .query(JdbcPaymentRepository::map)
        .list();
  }

  /**
   * One page of a person's search, newest first; one row more than the page is read to tell whether
   * another page follows.
   */
  public List<Payment> search(PaymentSearch search, ZoneId zone, int limit) {
    Where where = new Where();
    if (Where.present(search.number())) {
      String number = search.number().trim();
      where.and("(out_trade_no = ? OR trade_no = ?)", number, number);
    }
    if (Where.present(search.buyer())) {
      String buyer = search.buyer().trim();
      where.and(
          "(buyer_id = ? OR buyer_logon_id LIKE ? ESCAPE '!')",
          buyer,
          "%" + buyer.replaceAll("([!%_])", "!$1") + "%");
    }
    if (Boolean.TRUE.equals(search.attention())) {
      where.and("attention IS NOT NULL");
    }
    where.equal("total_amount", search.amount());
    where.equal("channel", Where.present(search.channel()) ? search.channel().trim() : null);
    return page(
        where,
        search.status(),
        search.from() == null ? null : search.from().atStartOfDay(zone).toInstant(),
        search.to() == null ? null : search.to().plusDays(1).atStartOfDay(zone).toInstant(),
        search.after(),
        limit);
  }

  /**
   * The API's listing: newest first, created in [from, to), after the cursor payment; reads up to
   * {@code limit} rows. Of these apps' payments only (every app's when empty), of the channel's
   * only when one is named.
   */
  public List<Payment> list(
      java.util.Set<String> apps,
      String channel,
      PaymentStatus status,
      Instant from,
      Instant to,
      String startingAfter,
      int limit) {
    return page(
        new Where().in("app", apps).equal("channel", channel),
        status,
        from,
        to,
        startingAfter,
        limit);
  }

  private List<Payment> page(
      Where where, PaymentStatus status, Instant from, Instant to, String after, int limit) {
    where.equal("status", status).between("created_at", from, to);
    if (Where.present(after)) {
      // The rows after the cursor in (created_at, out_trade_no) order, newest first; no OFFSET.
      String at = "(SELECT created_at FROM payments WHERE out_trade_no = ?)";
      where.and(
          "(created_at < " + at + " OR (created_at = " + at + " AND out_trade_no < ?))",
          after,
          after,
          after);
    }
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM payments"
                + where.sql()
                + " ORDER BY created_at DESC, out_trade_no DESC FETCH FIRST "
                + limit
                + " ROWS ONLY")
        .params(where.params())
        .query(JdbcPaymentRepository::map)
        .list();
  }

  private static List<String> names(PaymentTransition transition) {
    return transition.from().stream().map(Enum::name).toList();
  }

  private static Payment map(ResultSet row, int index) throws SQLException {
    return new Payment(
        row.getString("out_trade_no"),
        row.getString("app"),
        Product.valueOf(row.getString("product")),
        new Money(row.getBigDecimal("total_amount")),
        row.getString("subject"),
        row.getString("body"),
        PaymentStatus.valueOf(row.getString("status")),
        row.getString("trade_no"),
        row.getString("buyer_logon_id"),
        row.getString("buyer_id"),
        new Money(row.getBigDecimal("refunded_amount")),
        read(row, "created_at"),
        read(row, "updated_at"),
        read(row, "expires_at"),
        read(row, "paid_at"),
        read(row, "closed_at"),
        row.getString("attention") == null ? null : Attention.valueOf(row.getString("attention")),
        buyer(row),
        read(row, "finished_at"),
        row.getString("way") == null ? null : Product.valueOf(row.getString("way")),
        row.getString("channel"));
  }

  private static Buyer buyer(ResultSet row) throws SQLException {
    String userId = row.getString("for_buyer_id");
    String openId = row.getString("for_buyer_open_id");
    if (userId == null && openId == null) {
      return null;
    }
    return new Buyer(userId, openId, row.getString("for_op_app_id"));
  }
}
