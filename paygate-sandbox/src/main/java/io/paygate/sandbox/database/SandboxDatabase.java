package io.paygate.sandbox.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.paygate.sandbox.SandboxProperties;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sandbox's own H2 database ("Alipay's" books, never the merchant's). Built privately and not
 * exposed as DataSource/JdbcTemplate beans so an embedding server's auto-configuration is
 * unaffected.
 */
@Component
public class SandboxDatabase implements DisposableBean {

  private final HikariDataSource dataSource;
  private final JdbcTemplate jdbc;
  private final AfterCommitTransactionManager transactions;
  private final TransactionTemplate tx;

  public SandboxDatabase(SandboxProperties properties, Environment environment) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url(properties, environment));
    config.setUsername("sa");
    config.setPassword("");
    config.setMaximumPoolSize(4);
    config.setPoolName("paygate-sandbox");
    this.dataSource = new HikariDataSource(config);
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/sandbox")
        .table("sandbox_schema_history")
        .load()
        .migrate();
    this.jdbc = new JdbcTemplate(dataSource);
    this.transactions = new AfterCommitTransactionManager(dataSource);
    this.tx = new TransactionTemplate(transactions);
  }

  private static String url(SandboxProperties properties, Environment environment) {
    if (properties.databaseUrl() != null && !properties.databaseUrl().isBlank()) {
      return properties.databaseUrl();
    }
    String dataDir = properties.dataDir();
    if (dataDir == null || dataDir.isBlank()) {
      dataDir = environment.getProperty("paygate.data-dir", "./data") + "/sandbox";
    }
    Path file = Path.of(dataDir).toAbsolutePath().normalize().resolve("sandbox");
    // H2 keeps 8 parsed statements per connection by default; the sandbox uses more than that.
    return "jdbc:h2:file:" + file + ";AUTO_SERVER=FALSE;QUERY_CACHE_SIZE=64";
  }

  public JdbcTemplate jdbc() {
    return jdbc;
  }

  public TransactionTemplate tx() {
    return tx;
  }

  /**
   * Runs {@code work} once the current transaction has committed and released its connection, on
   * this thread, before {@code tx().execute} returns; never if it rolls back; at once outside a
   * transaction.
   */
  public void afterCommit(Runnable work) {
    transactions.afterCommit(work);
  }

  @Override
  public void destroy() {
    dataSource.close();
  }
}
