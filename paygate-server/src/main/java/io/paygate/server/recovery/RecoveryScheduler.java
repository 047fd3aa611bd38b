package io.paygate.server.recovery;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs due recovery rows and recurring jobs on this instance. Every instance may run one: a row is
 * picked by one instance at a time, and a picked row whose instance stops sending heartbeats is
 * taken over, however long a run takes.
 */
@Component
@ConditionalOnProperty(name = "paygate.jobs.enabled", havingValue = "true", matchIfMissing = true)
public class RecoveryScheduler implements SmartLifecycle {

  // A stopped db-scheduler cannot start again, and a context may be stopped and started again (the
  // test framework pauses a cached context it does not use): each start builds a new one.
  private final Supplier<Scheduler> build;
  private volatile Scheduler scheduler;
  private volatile boolean running;
  private final RecoverySweep sweep;

  public RecoveryScheduler(
      DataSource dataSource,
      List<Task<?>> tasks,
      RecoveryProperties properties,
      Clock clock,
      RecoverySweep sweep) {
    this.sweep = sweep;
    List<Task<?>> known = tasks.stream().filter(t -> !(t instanceof RecurringTask)).toList();
    List<RecurringTask<?>> recurring =
        tasks.stream()
            .filter(t -> t instanceof RecurringTask)
            .<RecurringTask<?>>map(t -> (RecurringTask<?>) t)
            .toList();
    this.build =
        () ->
            Scheduler.create(dataSource, known)
                .startTasks(recurring)
                .clock(clock::instant)
                .pollingInterval(properties.pollInterval())
                .threads(properties.threads())
                .heartbeatInterval(properties.heartbeatInterval())
                // Never db-scheduler's half hour: a platform kills a stopping process after about
                // 30 s, and what is still unknown is left to its rows anyway.
                .shutdownMaxWait(properties.shutdownMaxWait())
                .build();
  }

  @Override
  public void start() {
    // At start-up, before anything is due: a recurring task's row keeps the time it had.
    sweep.sweep();
    scheduler = build.get();
    scheduler.start();
    running = true;
  }

  @Override
  public void stop() {
    scheduler.stop();
    running = false;
  }

  /**
   * On shutdown: picks nothing new from now on and lets running checks finish (at most {@code
   * paygate.jobs.shutdown-max-wait}), side by side with the web server's graceful drain of the
   * requests in flight, so the two waits overlap instead of adding up.
   */
  @Override
  public void stop(Runnable callback) {
    Scheduler stopping = scheduler;
    running = false;
    Thread thread =
        new Thread(
            () -> {
              try {
                stopping.stop();
              } finally {
                callback.run();
              }
            },
            "recovery-scheduler-stop");
    thread.setDaemon(true);
    thread.start();
  }

  /** The web server's graceful-shutdown phase: both stop taking new work at once. */
  @Override
  public int getPhase() {
    return WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE;
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
