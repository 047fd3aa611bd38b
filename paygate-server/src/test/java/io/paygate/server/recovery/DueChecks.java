package io.paygate.server.recovery;

import static io.paygate.server.database.Times.column;
import static io.paygate.server.database.Times.read;

import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.testhelper.ManualScheduler;
import com.github.kagkarlsson.scheduler.testhelper.SettableClock;
import com.github.kagkarlsson.scheduler.testhelper.TestHelper;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Runs the recovery rows that are due on the server's (test) clock, in the calling thread, with
 * db-scheduler's manual scheduler over the server's own tasks and table: the real rows, the real
 * task code, no waiting for a polling interval.
 */
public final class DueChecks {

  private final ManualScheduler scheduler;
  private final JdbcClient jdbc;
  private final Clock clock;

  public DueChecks(DataSource dataSource, List<Task<?>> tasks, Clock clock) {
    this.scheduler =
        TestHelper.createManualScheduler(dataSource, tasks).clock(new SettableClock()).build();
    this.jdbc = JdbcClient.create(dataSource);
    this.clock = clock;
  }

  /**
   * Runs what is due now, and what that made due now, until nothing is; first takes over rows whose
   * instance stopped sending heartbeats (died while working on them).
   */
  public void run() {
    scheduler.setTime(clock.instant());
    scheduler.runDeadExecutionDetection();
    for (int pass = 0; pass < 20 && due() > 0; pass++) {
      scheduler.setTime(clock.instant());
      scheduler.runAnyDueExecutions();
    }
  }

  /** Unpicked rows due at the clock's now. */
  public int due() {
    return jdbc.sql(
            "SELECT COUNT(*) FROM scheduled_tasks WHERE picked = FALSE AND execution_time <= ?")
        .param(column(clock.instant()))
        .query(Integer.class)
        .single();
  }

  /** When the payment is next checked, or null when it has no check row. */
  public Instant nextPaymentCheck(String outTradeNo) {
    return next(RecoveryTasks.PAYMENT_CHECK, outTradeNo);
  }

  public Instant nextRefundCheck(String outTradeNo, String outRequestNo) {
    return next(
        RecoveryTasks.REFUND_CHECK, new RecoveryTasks.RefundId(outTradeNo, outRequestNo).id());
  }

  /** When the payment's unanswered cancel is sent again, or null when none is in flight. */
  public Instant nextCancelResend(String outTradeNo) {
    return next(RecoveryTasks.CANCEL_RESEND, outTradeNo);
  }

  /** The consecutive failures counted in an item's row. */
  public int failures(String task, String instance) {
    return jdbc.sql(
            "SELECT COALESCE(consecutive_failures, 0) FROM scheduled_tasks"
                + " WHERE task_name = ? AND task_instance = ?")
        .params(task, instance)
        .query(Integer.class)
        .single();
  }

  private Instant next(String task, String instance) {
    return jdbc.sql(
            "SELECT execution_time FROM scheduled_tasks WHERE task_name = ? AND task_instance = ?")
        .params(task, instance)
        .query((row, i) -> read(row, "execution_time"))
        .optional()
        .orElse(null);
  }
}
