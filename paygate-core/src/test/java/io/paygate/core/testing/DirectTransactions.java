package io.paygate.core.testing;

import io.paygate.core.transactions.Transactions;
import java.util.function.Supplier;

/**
 * Runs the work at once: one thread, one in-memory store, nothing to roll back. It knows whether
 * work is running inside a transaction, so the fakes can tell a change made outside one (whose
 * event would not commit with it).
 */
public final class DirectTransactions implements Transactions {

  private int depth;

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    depth++;
    try {
      return work.get();
    } finally {
      depth--;
    }
  }

  /** Whether the caller runs inside a transaction. */
  public boolean inside() {
    return depth > 0;
  }
}
