package io.paygate.sandbox.clock;

import io.paygate.sandbox.SandboxProperties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Delivers due work every few real seconds, so a person watching the sandbox sees retries and
 * timeouts happen without calling the clock API. Its own thread: no @EnableScheduling imposed on a
 * host server. Disabled with {@code paygate.sandbox.background-interval=0}.
 */
@Component
public class BackgroundDueWork implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(BackgroundDueWork.class);

  private final DueWorkRunner runner;
  private final SandboxProperties properties;
  private ScheduledExecutorService executor;

  public BackgroundDueWork(DueWorkRunner runner, SandboxProperties properties) {
    this.runner = runner;
    this.properties = properties;
  }

  @Override
  public synchronized void start() {
    long millis = properties.backgroundInterval().toMillis();
    if (millis <= 0 || executor != null) {
      return;
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "sandbox-due-work");
              t.setDaemon(true);
              return t;
            });
    executor.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
  }

  private void tick() {
    try {
      runner.runAll();
    } catch (RuntimeException e) {
      log.warn("sandbox due work failed: {}", e.toString());
    }
  }

  @Override
  public synchronized void stop() {
    if (executor != null) {
      executor.shutdownNow();
      executor = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return executor != null;
  }
}
