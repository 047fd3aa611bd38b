package io.paygate.server.exchanges;

import static io.paygate.server.database.Times.column;
import static io.paygate.server.database.Times.read;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.paygate.core.exchanges.Exchange;
import io.paygate.core.exchanges.ExchangeLog;
import io.paygate.server.database.Where;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Exchanges in the {@code exchanges} table. Callers record outside their own transactions, so the
 * record of a call survives whatever happens to the work around it. Notifications that did not
 * verify or name nothing of ours are stored up to a number a minute: anyone can post them.
 */
@Repository
public class JdbcExchangeLog implements ExchangeLog {

  /** Notifications anyone could have sent: kept briefly, and only so many a minute. */
  public static final List<String> UNVERIFIED = List.of("notify-unverified", "notify-unmatched");

  private static final Logger log = LoggerFactory.getLogger(JdbcExchangeLog.class);
  private static final int MAX_TEXT = 8000;

  private final JdbcClient jdbc;
  private final MeterRegistry meters;
  private final int unverifiedPerMinute;
  private long minute = Long.MIN_VALUE;
  private int storedThisMinute;

  public JdbcExchangeLog(JdbcClient jdbc, MeterRegistry meters, ExchangesProperties properties) {
    this.jdbc = jdbc;
    this.meters = meters;
    this.unverifiedPerMinute = properties.unverifiedPerMinute();
  }

  @Override
  public void record(Exchange e) {
    if (UNVERIFIED.contains(e.operation()) && !roomThisMinute(e.at())) {
      // paygate_exchanges_unstored_total{reason}: a flood of forged notifications shows here.
      meters.counter("paygate.exchanges.unstored", "reason", "unverified-per-minute").increment();
      return;
    }
    if (e.direction() == Exchange.Direction.OUTBOUND) {
      // paygate_channel_calls_seconds{api, outcome}: every call to the channel passes here once.
      Timer.builder("paygate.channel.calls")
          .description("Calls to the payment channel, by API and outcome")
          .tag("api", e.operation())
          .tag("outcome", e.outcome() == null ? "unknown" : e.outcome())
          .publishPercentileHistogram()
          .register(meters)
          .record(Duration.ofMillis(e.durationMillis()));
    }
    try {
      jdbc.sql(
              "INSERT INTO exchanges (occurred_at, direction, operation, out_trade_no,"
                  + " request_text, response_text, outcome, duration_millis)"
                  + " VALUES (?,?,?,?,?,?,?,?)")
          .params(
              column(e.at()),
              e.direction().name(),
              e.operation(),
              clip(e.outTradeNo(), 64),
              clip(e.request(), MAX_TEXT),
              clip(e.response(), MAX_TEXT),
              clip(e.outcome(), 256),
              e.durationMillis())
          .update();
    } catch (RuntimeException failure) {
      // Recording must never fail the payment work it describes.
      log.warn("could not record a {} exchange: {}", e.operation(), failure.toString());
    }
  }

  /** Whether one more unverified notification may be stored in the minute of {@code at}. */
  private synchronized boolean roomThisMinute(Instant at) {
    long of = at.getEpochSecond() / 60;
    if (of != minute) {
      minute = of;
      storedThisMinute = 0;
    }
    if (storedThisMinute >= unverifiedPerMinute) {
      return false;
    }
    storedThisMinute++;
    return true;
  }

  /**
   * Deletes exchanges that occurred before {@code cutoff}, of these operations only when given, at
   * most {@code batch} rows; returns how many.
   */
  int deleteBefore(Instant cutoff, List<String> operations, int batch) {
    String only =
        operations.isEmpty() ? "" : " AND operation IN (" + Where.marks(operations.size()) + ")";
    List<Object> params = new ArrayList<>();
    params.add(column(cutoff));
    params.addAll(operations);
    return jdbc.sql(
            "DELETE FROM exchanges WHERE id IN (SELECT id FROM exchanges WHERE occurred_at < ?"
                + only
                + " FETCH FIRST "
                + batch
                + " ROWS ONLY)")
        .params(params)
        .update();
  }

  @Override
  public List<Exchange> forPayment(String outTradeNo) {
    return jdbc.sql(
            "SELECT occurred_at, direction, operation, out_trade_no, request_text,"
                + " response_text, outcome, duration_millis FROM exchanges"
                + " WHERE out_trade_no = ? ORDER BY occurred_at, id")
        .param(outTradeNo)
        .query(
            (row, i) ->
                new Exchange(
                    read(row, "occurred_at"),
                    Exchange.Direction.valueOf(row.getString("direction")),
                    row.getString("operation"),
                    row.getString("out_trade_no"),
                    row.getString("request_text"),
                    row.getString("response_text"),
                    row.getString("outcome"),
                    row.getLong("duration_millis")))
        .list();
  }

  private static String clip(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }
}
