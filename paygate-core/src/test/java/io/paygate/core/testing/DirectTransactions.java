package io.paygate.core.testing;

import io.paygate.core.support.Transactions;
import java.util.function.Supplier;

/** Runs the work at once, counting how many transactions were asked for. */
public final class DirectTransactions implements Transactions {

  private int count;

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    count++;
    return work.get();
  }

  public int count() {
    return count;
  }
}
