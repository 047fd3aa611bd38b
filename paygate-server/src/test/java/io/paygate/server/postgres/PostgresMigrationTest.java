package io.paygate.server.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The Flyway migrations, written for H2 and PostgreSQL, apply cleanly on a real PostgreSQL. */
class PostgresMigrationTest extends PostgresTestSupport {

  @Autowired DataSource dataSource;
  @Autowired JdbcClient jdbc;

  @Test
  void theServerRunsOnPostgresql() throws Exception {
    try (var connection = dataSource.getConnection()) {
      assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
      assertThat(connection.getMetaData().getURL()).isEqualTo(POSTGRES.jdbcUrl());
    }
    assertThat(jdbc.sql("SELECT version()").query(String.class).single()).startsWith("PostgreSQL");
  }

  @Test
  void everyMigrationApplied() {
    var migrations =
        jdbc.sql(
                "SELECT version, success FROM flyway_schema_history"
                    + " WHERE version IS NOT NULL ORDER BY installed_rank")
            .query((row, i) -> row.getString("version") + ":" + row.getBoolean("success"))
            .list();
    assertThat(migrations).isNotEmpty().startsWith("1:true").allMatch(m -> m.endsWith(":true"));
  }

  @Test
  void theTablesAndColumnTypesAreThePostgresOnes() {
    var tables =
        jdbc.sql(
                "SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = 'public' ORDER BY table_name")
            .query(String.class)
            .list();
    assertThat(tables).contains("payments", "refunds", "exchanges", "scheduled_tasks");
    assertThat(tables).doesNotContain("job_leases");

    assertThat(columnType("payments", "total_amount")).isEqualTo("numeric");
    assertThat(columnType("payments", "created_at")).isEqualTo("timestamp with time zone");
    assertThat(columnType("exchanges", "request_text")).isEqualTo("character varying");
    assertThat(columnType("scheduled_tasks", "task_data")).isEqualTo("bytea");
    // Alipay's buyer_open_id is String(128).
    assertThat(
            jdbc.sql(
                    "SELECT character_maximum_length FROM information_schema.columns"
                        + " WHERE table_name = 'payments' AND column_name = 'buyer_id'")
                .query(Integer.class)
                .single())
        .isEqualTo(128);
    assertThat(
            jdbc.sql(
                    "SELECT is_identity FROM information_schema.columns"
                        + " WHERE table_name = 'exchanges' AND column_name = 'id'")
                .query(String.class)
                .single())
        .isEqualTo("YES");
  }

  private String columnType(String table, String column) {
    return jdbc.sql(
            "SELECT data_type FROM information_schema.columns"
                + " WHERE table_schema = 'public' AND table_name = ? AND column_name = ?")
        .params(table, column)
        .query(String.class)
        .single();
  }
}
