package io.paygate.server.exchanges;

import static io.paygate.server.database.Times.column;
import static io.paygate.server.database.Times.read;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.paygate.core.exchanges.Exchange;
import io.paygate.core.exchanges.ExchangeLog;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Exchanges in the {@code exchanges} table. Callers record outside their own transactions, so the
 * record of a call survives whatever happens to the work around it.
 */
@Repository
public class JdbcExchangeLog implements ExchangeLog {

  private static final Logger log = LoggerFactory.getLogger(JdbcExchangeLog.class);
  private static final int MAX_TEXT = 8000;

  private final JdbcClient jdbc;
  private final MeterRegistry meters;

  public JdbcExchangeLog(JdbcClient jdbc, MeterRegistry meters) {
    this.jdbc = jdbc;
    this.meters = meters;
  }

  @Override
  public void record(Exchange e) {
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
