package io.paygate.server.webhooks;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each endpoint's own few delivery slots, over threads shared up to a limit: a slow endpoint fills
 * its own slots and no more, so it never holds up another endpoint's deliveries. Work that finds
 * its endpoint's slots (or every thread) busy is not queued here: its delivery stays due in the
 * table, where the endpoint's running worker or the next sweep finds it.
 */
final class EndpointLanes implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EndpointLanes.class);

  private final int slots;
  private final ThreadPoolExecutor threads;
  private final ConcurrentMap<String, Semaphore> lanes = new ConcurrentHashMap<>();
  private final AtomicInteger running = new AtomicInteger();

  EndpointLanes(int slotsPerEndpoint, int maxThreads) {
    this.slots = slotsPerEndpoint;
    AtomicInteger count = new AtomicInteger();
    // No queue: a task runs at once on a thread of its own, or is refused.
    this.threads =
        new ThreadPoolExecutor(
            0,
            maxThreads,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            runnable -> {
              Thread thread = new Thread(runnable, "paygate-webhook-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Runs the work now in one of the endpoint's slots, if one is free and a thread is; then, once
   * the slot is given back, {@code afterwards} (to look for work that came meanwhile).
   *
   * @return false when nothing was started
   */
  boolean tryRun(String endpointId, Runnable work, Runnable afterwards) {
    Semaphore lane = lanes.computeIfAbsent(endpointId, id -> new Semaphore(slots));
    if (!lane.tryAcquire()) {
      return false;
    }
    running.incrementAndGet();
    try {
      threads.execute(
          () -> {
            try {
              work.run();
            } catch (RuntimeException e) {
              log.warn("webhook delivery to {} failed: {}", endpointId, e.toString());
            } finally {
              lane.release();
            }
            try {
              afterwards.run();
            } catch (RuntimeException e) {
              log.warn("webhook deliveries to {} not looked for: {}", endpointId, e.toString());
            } finally {
              running.decrementAndGet();
            }
          });
      return true;
    } catch (RejectedExecutionException allBusy) {
      lane.release();
      running.decrementAndGet();
      return false;
    }
  }

  /** How many workers are running or about to, all endpoints together. */
  int running() {
    return running.get();
  }

  /** How many of the endpoint's slots are in use now. */
  int busy(String endpointId) {
    Semaphore lane = lanes.get(endpointId);
    return lane == null ? 0 : slots - lane.availablePermits();
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }
}
