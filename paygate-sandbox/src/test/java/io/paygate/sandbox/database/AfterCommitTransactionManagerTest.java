package io.paygate.sandbox.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

class AfterCommitTransactionManagerTest {

  private final DriverManagerDataSource dataSource =
      new DriverManagerDataSource("jdbc:h2:mem:after-commit;DB_CLOSE_DELAY=-1", "sa", "");
  private final AfterCommitTransactionManager manager =
      new AfterCommitTransactionManager(dataSource);
  private final TransactionTemplate tx = new TransactionTemplate(manager);
  private final JdbcTemplate jdbc = new JdbcTemplate(dataSource);

  @Test
  void workRunsAfterTheCommitWithTheConnectionLetGo() {
    jdbc.execute("CREATE TABLE IF NOT EXISTS t (v INT)");
    jdbc.update("DELETE FROM t");
    List<String> seen = new ArrayList<>();
    tx.executeWithoutResult(
        status -> {
          jdbc.update("INSERT INTO t VALUES (1)");
          manager.afterCommit(
              () -> {
                seen.add("bound=" + TransactionSynchronizationManager.hasResource(dataSource));
                // Written outside the finished transaction: it must stick by itself.
                jdbc.update("INSERT INTO t VALUES (2)");
              });
          manager.afterCommit(() -> seen.add("second"));
          seen.add("in transaction");
        });
    assertThat(seen).containsExactly("in transaction", "bound=false", "second");
    assertThat(jdbc.queryForList("SELECT v FROM t ORDER BY v", Integer.class))
        .containsExactly(1, 2);
  }

  @Test
  void workNeverRunsWhenTheTransactionRollsBack() {
    List<String> seen = new ArrayList<>();
    tx.executeWithoutResult(
        status -> {
          manager.afterCommit(() -> seen.add("ran"));
          status.setRollbackOnly();
        });
    tx.executeWithoutResult(status -> {});
    assertThat(seen).isEmpty();
  }

  @Test
  void outsideATransactionWorkRunsAtOnce() {
    List<String> seen = new ArrayList<>();
    manager.afterCommit(() -> seen.add("ran"));
    assertThat(seen).containsExactly("ran");
  }
}
