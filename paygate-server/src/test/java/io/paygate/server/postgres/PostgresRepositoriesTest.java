package io.paygate.server.postgres;

import com.zaxxer.hikari.HikariDataSource;
import io.paygate.server.database.JdbcRepositoriesContract;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The JDBC repositories keep the repository contract on PostgreSQL as on H2, in a database of their
 * own on the shared embedded server.
 */
class PostgresRepositoriesTest extends JdbcRepositoriesContract {

  private static final EmbeddedPostgresServer POSTGRES = EmbeddedPostgresServer.shared();

  private final String database =
      "repositories_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private HikariDataSource pool;

  @Override
  protected DataSource freshDatabase() {
    sql("CREATE DATABASE " + database);
    pool = new HikariDataSource();
    pool.setJdbcUrl(POSTGRES.jdbcUrl().replaceFirst("/postgres$", "/" + database));
    pool.setUsername(POSTGRES.username());
    pool.setPassword(POSTGRES.password());
    pool.setMaximumPoolSize(2);
    return pool;
  }

  @Override
  protected void dropDatabase() {
    pool.close();
    sql("DROP DATABASE IF EXISTS " + database);
  }

  private static void sql(String statement) {
    try (Connection connection =
            DriverManager.getConnection(
                POSTGRES.jdbcUrl(), POSTGRES.username(), POSTGRES.password());
        Statement sql = connection.createStatement()) {
      sql.execute(statement);
    } catch (SQLException e) {
      throw new IllegalStateException(statement, e);
    }
  }
}
