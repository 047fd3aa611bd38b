package io.paygate.server.webhooks;

import static io.paygate.server.database.Times.read;

import io.paygate.core.errors.ErrorCode;
import io.paygate.core.errors.PayGateException;
import io.paygate.server.database.Where;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code events} table read back: listing, one event, a payment's events. */
@Repository
public class Events {

  /** An event row; {@code payload} is the JSON every delivery sends. */
  public record Event(
      String id,
      String type,
      String outTradeNo,
      String outRequestNo,
      String payload,
      Instant created) {}

  private static final String COLUMNS =
      "id, type, out_trade_no, out_request_no, payload, created_at";

  private final JdbcClient jdbc;

  public Events(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Newest first, after the cursor event if given; one more than {@code limit} to tell has_more.
   */
  List<Event> list(String outTradeNo, String type, String startingAfter, int limit) {
    return list(outTradeNo, type, startingAfter, limit, Set.of());
  }

  /** As the listing above, of the payments of these apps only (none: every app). */
  List<Event> list(
      String outTradeNo, String type, String startingAfter, int limit, Set<String> apps) {
    Where where = new Where().equal("out_trade_no", outTradeNo).equal("type", type);
    if (!apps.isEmpty()) {
      where.and(
          "out_trade_no IN (SELECT out_trade_no FROM payments WHERE app IN ("
              + Where.marks(apps.size())
              + "))",
          apps.toArray());
    }
    if (Where.present(startingAfter)) {
      get(startingAfter, apps);
      String at = "(SELECT created_at FROM events WHERE id = ?)";
      where.and(
          "(created_at < " + at + " OR (created_at = " + at + " AND id < ?))",
          startingAfter,
          startingAfter,
          startingAfter);
    }
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM events"
                + where.sql()
                + " ORDER BY created_at DESC, id DESC FETCH FIRST "
                + (limit + 1)
                + " ROWS ONLY")
        .params(where.params())
        .query(Events::map)
        .list();
  }

  /** An event of a payment of these apps (none: every app); another app's is not found. */
  Event get(String id, Set<String> apps) {
    Event event = get(id);
    if (!apps.isEmpty()
        && !jdbc.sql(
                "SELECT COUNT(*) FROM payments WHERE out_trade_no = ? AND app IN ("
                    + Where.marks(apps.size())
                    + ")")
            .params(concat(event.outTradeNo(), apps))
            .query(Integer.class)
            .single()
            .equals(1)) {
      throw new PayGateException(ErrorCode.EVENT_NOT_FOUND, "no event " + id);
    }
    return event;
  }

  private static List<Object> concat(String first, Set<String> rest) {
    List<Object> params = new ArrayList<>();
    params.add(first);
    params.addAll(rest);
    return params;
  }

  public Event get(String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM events WHERE id = ?")
        .param(id)
        .query(Events::map)
        .optional()
        .orElseThrow(() -> new PayGateException(ErrorCode.EVENT_NOT_FOUND, "no event " + id));
  }

  /** A payment's events, oldest first, for its timeline. */
  public List<Event> forPayment(String outTradeNo) {
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM events WHERE out_trade_no = ? ORDER BY created_at, id")
        .param(outTradeNo)
        .query(Events::map)
        .list();
  }

  private static Event map(java.sql.ResultSet row, int n) throws java.sql.SQLException {
    return new Event(
        row.getString("id"),
        row.getString("type"),
        row.getString("out_trade_no"),
        row.getString("out_request_no"),
        row.getString("payload"),
        read(row, "created_at"));
  }
}
