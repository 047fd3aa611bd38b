package io.paygate.server.exchanges;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.paygate.core.exchanges.Exchange;
import io.paygate.server.recovery.HeldAnswersServerTest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Bounded storage of exchanges: everything kept for the retention, unverified notifications only
 * briefly and only so many a minute, old rows purged by the daily task's work (rows written days
 * back stand in for the days). On the held-answers server, whose properties carry the cap: its
 * clock only moves forward and far less than a retention, so a purge at its now takes this test's
 * old rows and no other test's; the rows this test writes are removed after it.
 */
class ExchangeRetentionTest extends HeldAnswersServerTest {

  private static final int CAP = HeldAnswersServerTest.UNVERIFIED_PER_MINUTE;

  @Autowired JdbcExchangeLog exchanges;
  @Autowired ExchangeRetention retention;
  @Autowired JdbcClient jdbc;
  @Autowired MeterRegistry meters;
  @Autowired DataSource dataSource;

  private final String marker = "m-" + UUID.randomUUID();

  @AfterEach
  void removeThisTestsRows() {
    jdbc.sql("DELETE FROM exchanges WHERE request_text LIKE ?").param(marker + "%").update();
  }

  @Test
  void exchangesPastTheirRetentionArePurgedInBatchesAndRecentOnesKept() {
    Instant now = clock.instant();
    List<Object[]> old = new ArrayList<>();
    for (int i = 0; i < ExchangeRetention.BATCH * 2 + 100; i++) {
      old.add(row(now.minus(Duration.ofDays(401)), "OUTBOUND", "alipay.trade.query", "OLD"));
    }
    insert(old);
    insert(
        List.of(
            row(now.minus(Duration.ofDays(390)), "OUTBOUND", "alipay.trade.query", "KEPT"),
            row(now.minus(Duration.ofDays(390)), "INBOUND", "notify", "KEPT"),
            row(now.minus(Duration.ofDays(4)), "INBOUND", "notify-unverified", "GONE"),
            row(now.minus(Duration.ofDays(4)), "INBOUND", "notify-unmatched", "GONE"),
            row(now.minus(Duration.ofDays(2)), "INBOUND", "notify-unverified", "BRIEF"),
            row(now.minus(Duration.ofDays(2)), "INBOUND", "notify-unmatched", "BRIEF")));

    assertThat(retention.purge(now)).isGreaterThanOrEqualTo(ExchangeRetention.BATCH * 2 + 102);

    assertThat(tagged("OLD")).isZero();
    assertThat(tagged("GONE")).isZero();
    assertThat(tagged("KEPT")).isEqualTo(2);
    assertThat(tagged("BRIEF")).isEqualTo(2);
    // Two days on, the brief ones are gone too; a year's exchanges stay.
    assertThat(retention.purge(now.plus(Duration.ofDays(2)))).isGreaterThanOrEqualTo(2);
    assertThat(tagged("BRIEF")).isZero();
    assertThat(tagged("KEPT")).isEqualTo(2);
    assertThat(retention.purge(now.plus(Duration.ofDays(2)))).isZero();
  }

  @Test
  void unverifiedNotificationsAreStoredOnlySoManyAMinute() {
    // A minute of the test's own, whatever the real time.
    Instant minute = clock.instant().plus(Duration.ofDays(3000)).truncatedTo(ChronoUnit.MINUTES);
    double unstored = unstored();
    for (int i = 0; i < CAP + 3; i++) {
      exchanges.record(inbound(minute.plusSeconds(i), "notify-unverified"));
    }
    exchanges.record(inbound(minute.plusSeconds(20), "notify-unmatched"));
    // Genuine notifications and calls are never capped.
    for (int i = 0; i < CAP + 3; i++) {
      exchanges.record(inbound(minute.plusSeconds(30), "notify"));
    }
    assertThat(ofOperations("notify-unverified", "notify-unmatched")).isEqualTo(CAP);
    assertThat(ofOperations("notify")).isEqualTo(CAP + 3);
    assertThat(unstored() - unstored).isEqualTo(4.0);

    // The next minute has room again.
    exchanges.record(inbound(minute.plusSeconds(60), "notify-unmatched"));
    assertThat(ofOperations("notify-unverified", "notify-unmatched")).isEqualTo(CAP + 1);
  }

  @Test
  void aFloodOfForgedNotificationsStoresAtMostTheCapAMinute() {
    double unstored = unstored();
    int posts = 30;
    for (int i = 0; i < posts; i++) {
      Reply reply =
          postForm(
              "/alipay/notify",
              Map.of(
                  "out_trade_no", marker,
                  "trade_status", "TRADE_SUCCESS",
                  "total_amount", "1.00",
                  "sign_type", "RSA2",
                  "sign", "forged" + i));
      assertThat(reply.status()).isEqualTo(400);
      assertThat(reply.body()).isEqualTo("failure");
    }
    List<Instant> stored =
        jdbc.sql(
                "SELECT occurred_at FROM exchanges WHERE operation = 'notify-unverified'"
                    + " AND request_text LIKE ?")
            .param("%" + marker + "%")
            .query((row, n) -> row.getObject(1, OffsetDateTime.class).toInstant())
            .list();
    // The posts may straddle a minute: at most the cap in each.
    assertThat(stored).isNotEmpty().hasSizeLessThanOrEqualTo(2 * CAP);
    stored.stream()
        .collect(
            java.util.stream.Collectors.groupingBy(
                at -> at.truncatedTo(ChronoUnit.MINUTES), java.util.stream.Collectors.counting()))
        .values()
        .forEach(n -> assertThat(n).isLessThanOrEqualTo(CAP));
    assertThat(unstored() - unstored).isEqualTo(posts - stored.size());
  }

  private Exchange inbound(Instant at, String operation) {
    return new Exchange(
        at, Exchange.Direction.INBOUND, operation, null, marker, "failure", "rejected", 1);
  }

  private Object[] row(Instant at, String direction, String operation, String tag) {
    return new Object[] {
      OffsetDateTime.ofInstant(at, ZoneOffset.UTC), direction, operation, marker + tag
    };
  }

  private void insert(List<Object[]> rows) {
    new JdbcTemplate(dataSource)
        .batchUpdate(
            "INSERT INTO exchanges (occurred_at, direction, operation, request_text, outcome,"
                + " duration_millis) VALUES (?,?,?,?,'ok',1)",
            rows);
  }

  private int tagged(String tag) {
    return jdbc.sql("SELECT COUNT(*) FROM exchanges WHERE request_text = ?")
        .param(marker + tag)
        .query(Integer.class)
        .single();
  }

  private int ofOperations(String... operations) {
    return jdbc.sql(
            "SELECT COUNT(*) FROM exchanges WHERE request_text = ? AND operation IN ("
                + String.join(",", java.util.Collections.nCopies(operations.length, "?"))
                + ")")
        .params(
            java.util.stream.Stream.concat(
                    java.util.stream.Stream.of(marker), java.util.Arrays.stream(operations))
                .toList())
        .query(Integer.class)
        .single();
  }

  private double unstored() {
    io.micrometer.core.instrument.Counter counter =
        meters.find("paygate.exchanges.unstored").counter();
    return counter == null ? 0 : counter.count();
  }
}
