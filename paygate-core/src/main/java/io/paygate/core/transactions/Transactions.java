package io.paygate.core.transactions;

import java.util.function.Supplier;

/** Port: runs work in one database transaction (the adapter decides how). */
public interface Transactions {

  <T> T inTransaction(Supplier<T> work);

  default void run(Runnable work) {
    inTransaction(
        () -> {
          work.run();
          return null;
        });
  }
}
