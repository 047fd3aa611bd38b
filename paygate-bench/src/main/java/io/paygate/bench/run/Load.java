package io.paygate.bench.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drives one operation at a concurrency for a bounded time and count; every loop ends by itself.
 */
final class Load {

  /** What one phase measured. */
  record Result(
      String scenario,
      int concurrency,
      int operations,
      double perSecond,
      double p50,
      double p99,
      int errors) {}

  private Load() {}

  /**
   * @param operation true when the answer was the expected one
   */
  static Result drive(
      String scenario,
      int concurrency,
      int maxOperations,
      Duration max,
      Callable<Boolean> operation)
      throws Exception {
    long deadline = System.nanoTime() + max.toNanos();
    AtomicInteger budget = new AtomicInteger(maxOperations);
    AtomicInteger errors = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try {
      List<Future<long[]>> workers = new ArrayList<>();
      long started = System.nanoTime();
      for (int t = 0; t < concurrency; t++) {
        workers.add(
            pool.submit(
                () -> {
                  long[] latencies = new long[1024];
                  int n = 0;
                  while (System.nanoTime() < deadline && budget.getAndDecrement() > 0) {
                    long begin = System.nanoTime();
                    boolean ok;
                    try {
                      ok = operation.call();
                    } catch (Exception e) {
                      ok = false;
                    }
                    if (n == latencies.length) {
                      latencies = Arrays.copyOf(latencies, n * 2);
                    }
                    latencies[n++] = System.nanoTime() - begin;
                    if (!ok) {
                      errors.incrementAndGet();
                    }
                  }
                  return Arrays.copyOf(latencies, n);
                }));
      }
      long[] all = new long[0];
      for (Future<long[]> worker : workers) {
        long[] some = worker.get();
        long[] joined = Arrays.copyOf(all, all.length + some.length);
        System.arraycopy(some, 0, joined, all.length, some.length);
        all = joined;
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      Arrays.sort(all);
      double p50 = all.length == 0 ? 0 : all[all.length / 2] / 1e6;
      double p99 =
          all.length == 0 ? 0 : all[Math.min(all.length - 1, (int) (all.length * 0.99))] / 1e6;
      Result result =
          new Result(
              scenario, concurrency, all.length, all.length / seconds, p50, p99, errors.get());
      if (!scenario.equals("warm-up")) {
        System.out.printf(
            "  %-55s c=%-3d %8.0f/s p50 %7.2f ms p99 %7.2f ms errors %d%n",
            scenario, concurrency, result.perSecond(), p50, p99, result.errors());
      }
      return result;
    } finally {
      pool.shutdownNow();
    }
  }
}
