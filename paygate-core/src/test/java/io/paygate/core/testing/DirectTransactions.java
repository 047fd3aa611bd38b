package io.paygate.core.testing;

import io.paygate.core.transactions.Transactions;
import java.util.function.Supplier;

/** Runs the work at once: one thread, one in-memory store, nothing to roll back. */
public final class DirectTransactions implements Transactions {

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    return work.get();
  }
}
