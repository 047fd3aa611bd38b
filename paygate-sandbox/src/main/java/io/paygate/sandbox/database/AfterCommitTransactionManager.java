package io.paygate.sandbox.database;

import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs work registered for after the commit once the transaction is over and its connection is back
 * in the pool. In {@link TransactionSynchronization#afterCommit()} itself the committed connection
 * is still bound: JDBC done there would run on it, outside any commit, and hold it for as long as
 * the work takes (a notify's HTTP post).
 */
final class AfterCommitTransactionManager extends DataSourceTransactionManager {

  private final ThreadLocal<List<Runnable>> committed = ThreadLocal.withInitial(ArrayList::new);

  AfterCommitTransactionManager(DataSource dataSource) {
    super(dataSource);
  }

  /**
   * Runs {@code work} after the current transaction commits (never if it rolls back); now if none.
   */
  void afterCommit(Runnable work) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      work.run();
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            committed.get().add(work);
          }
        });
  }

  @Override
  protected void doCleanupAfterCompletion(Object transaction) {
    super.doCleanupAfterCompletion(transaction);
    List<Runnable> work = List.copyOf(committed.get());
    committed.remove();
    // In registration order; like the hand-written loops before, a failure stops the rest (they are
    // retried on the virtual clock) and reaches the caller.
    work.forEach(Runnable::run);
  }
}
