package io.paygate.server.database;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.paygate.core.exchanges.ExchangeLog;
import io.paygate.core.payments.PaymentRepository;
import io.paygate.core.refunds.RefundRepository;
import io.paygate.core.testkit.RepositoryContract;
import io.paygate.core.transactions.Transactions;
import io.paygate.server.exchanges.ExchangesProperties;
import io.paygate.server.exchanges.JdbcExchangeLog;
import io.paygate.server.payments.JdbcPaymentRepository;
import io.paygate.server.refunds.JdbcRefundRepository;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The repository contract against the JDBC repositories, in a light Spring context of their own
 * (the repositories, their transactions, nothing else) over a fresh, migrated database: their
 * {@code @Transactional} rules hold as in the server, and no job of a whole server touches the
 * rows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class JdbcRepositoriesContract extends RepositoryContract {

  private AnnotationConfigApplicationContext context;

  /** A database of this class's own, empty. */
  protected abstract DataSource freshDatabase();

  /** Lets go of the database when the class is done. */
  protected void dropDatabase() {}

  @BeforeAll
  void startRepositories() {
    DataSource database = freshDatabase();
    Flyway.configure().dataSource(database).load().migrate();
    context = new AnnotationConfigApplicationContext();
    context.registerBean(DataSource.class, () -> database);
    context.register(Repositories.class);
    context.refresh();
  }

  @AfterAll
  void stopRepositories() {
    context.close();
    dropDatabase();
  }

  @Override
  protected void startClean() {
    JdbcClient jdbc = context.getBean(JdbcClient.class);
    for (String table : new String[] {"refunds", "payments", "exchanges"}) {
      jdbc.sql("DELETE FROM " + table).update();
    }
  }

  @Override
  protected PaymentRepository payments() {
    return context.getBean(JdbcPaymentRepository.class);
  }

  @Override
  protected RefundRepository refunds() {
    return context.getBean(JdbcRefundRepository.class);
  }

  @Override
  protected ExchangeLog exchanges() {
    return context.getBean(JdbcExchangeLog.class);
  }

  @Override
  protected Transactions transactions() {
    return context.getBean(SpringTransactions.class);
  }

  // Registered by hand, not a @Configuration: the server's own component scan would find one.
  @EnableTransactionManagement(proxyTargetClass = true)
  @Import({
    JdbcPaymentRepository.class,
    JdbcRefundRepository.class,
    JdbcExchangeLog.class,
    SpringTransactions.class
  })
  static class Repositories {

    @Bean
    JdbcClient jdbcClient(DataSource database) {
      return JdbcClient.create(database);
    }

    @Bean
    PlatformTransactionManager transactionManager(DataSource database) {
      return new DataSourceTransactionManager(database);
    }

    @Bean
    TransactionTemplate transactionTemplate(PlatformTransactionManager transactions) {
      return new TransactionTemplate(transactions);
    }

    @Bean
    MeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }

    @Bean
    ExchangesProperties exchangesProperties() {
      return new ExchangesProperties(Duration.ofDays(400), Duration.ofDays(3), 60);
    }
  }
}
