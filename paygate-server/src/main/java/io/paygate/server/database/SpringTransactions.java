package io.paygate.server.database;

import io.paygate.core.transactions.Transactions;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** The core's transaction port over Spring's transaction manager. */
@Component
public class SpringTransactions implements Transactions {

  private final TransactionTemplate template;

  public SpringTransactions(TransactionTemplate template) {
    this.template = template;
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    return template.execute(status -> work.get());
  }
}
