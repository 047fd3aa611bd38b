package io.paygate.server.exchanges;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.paygate.core.exchanges.Exchange;
import io.paygate.server.postgres.EmbeddedPostgresServer;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The V16 migration, the per-minute cap and the batched purge on a real PostgreSQL. */
class PostgresExchangeRetentionTest {

  private static JdbcClient jdbc;

  @BeforeAll
  static void migrate() {
    EmbeddedPostgresServer postgres = EmbeddedPostgresServer.shared();
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(postgres.jdbcUrl());
    dataSource.setUser(postgres.username());
    dataSource.setPassword(postgres.password());
    // The same history table as the server's: whichever test class comes first migrates.
    Flyway.configure().dataSource(dataSource).load().migrate();
    jdbc = JdbcClient.create(dataSource);
  }

  @Test
  void oldExchangesArePurgedAndUnverifiedOnesCappedAndKeptBriefly() {
    String marker = "pg-" + UUID.randomUUID();
    JdbcExchangeLog log =
        new JdbcExchangeLog(
            jdbc,
            new SimpleMeterRegistry(),
            new ExchangesProperties(Duration.ofDays(400), Duration.ofDays(3), 2));
    ExchangeRetention retention =
        new ExchangeRetention(
            log, new ExchangesProperties(Duration.ofDays(400), Duration.ofDays(3), 2));
    // Long ago, so no other test's rows are as old.
    Instant now = Instant.parse("2002-06-01T00:00:00Z");
    log.record(exchange(Instant.parse("2001-01-01T00:00:00Z"), "alipay.trade.query", marker));
    log.record(exchange(Instant.parse("2001-12-01T00:00:00Z"), "notify", marker));
    log.record(exchange(Instant.parse("2002-05-20T00:00:00Z"), "notify-unverified", marker));
    for (int i = 0; i < 3; i++) {
      log.record(exchange(Instant.parse("2002-05-31T00:00:00Z"), "notify-unmatched", marker));
    }
    // Two a minute: the third was not stored.
    assertThat(count(marker)).isEqualTo(5);

    assertThat(retention.purge(now)).isGreaterThanOrEqualTo(2);

    assertThat(
            jdbc.sql("SELECT operation FROM exchanges WHERE request_text = ? ORDER BY operation")
                .param(marker)
                .query(String.class)
                .list())
        .containsExactly("notify", "notify-unmatched", "notify-unmatched");
  }

  private static Exchange exchange(Instant at, String operation, String marker) {
    return new Exchange(at, Exchange.Direction.INBOUND, operation, null, marker, "ok", "ok", 1);
  }

  private static int count(String marker) {
    return jdbc.sql("SELECT COUNT(*) FROM exchanges WHERE request_text = ?")
        .param(marker)
        .query(Integer.class)
        .single();
  }
}
