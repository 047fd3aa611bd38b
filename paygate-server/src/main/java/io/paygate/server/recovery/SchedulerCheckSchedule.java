package io.paygate.server.recovery;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceException;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import io.paygate.core.checks.CheckSchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The core's recovery schedule as db-scheduler rows. The client writes through the transaction in
 * progress, if any, so a row commits with the change that put its item in flight, or neither does
 * (a check that runs first finds nothing new and looks again later). As Kill Bill's janitor does, a
 * row is re-read before it is changed, written only when the change moves it, and never touched
 * while a check is working on it (that check's own outcome decides its next time). A new item's row
 * has nothing to re-read: it is one insert.
 */
class SchedulerCheckSchedule implements CheckSchedule {

  private final SchedulerClient client;
  private final CustomTask<Integer> paymentCheck;
  private final CustomTask<Integer> refundCheck;
  private final CustomTask<Integer> cancelResend;
  private final Duration firstCheck;
  private final JdbcClient jdbc;

  SchedulerCheckSchedule(
      SchedulerClient client,
      JdbcClient jdbc,
      CustomTask<Integer> paymentCheck,
      CustomTask<Integer> refundCheck,
      CustomTask<Integer> cancelResend,
      Duration firstCheck) {
    this.client = client;
    this.jdbc = jdbc;
    this.paymentCheck = paymentCheck;
    this.refundCheck = refundCheck;
    this.cancelResend = cancelResend;
    this.firstCheck = firstCheck;
  }

  @Override
  public Duration firstCheck() {
    return firstCheck;
  }

  @Override
  public void checkPayment(String outTradeNo, Instant at) {
    plan(paymentCheck.instance(outTradeNo, 0), at, false);
  }

  @Override
  public void checkRefund(String outTradeNo, String outRequestNo, Instant at) {
    plan(refund(outTradeNo, outRequestNo), at, false);
  }

  @Override
  public void checkNewPayment(String outTradeNo, Instant at) {
    create(paymentCheck.instance(outTradeNo, 0), at);
  }

  @Override
  public void checkNewRefund(String outTradeNo, String outRequestNo, Instant at) {
    create(refund(outTradeNo, outRequestNo), at);
  }

  @Override
  public void moveRefund(String outTradeNo, String outRequestNo, Instant at) {
    plan(refund(outTradeNo, outRequestNo), at, true);
  }

  @Override
  public void forgetRefund(String outTradeNo, String outRequestNo) {
    forget(refund(outTradeNo, outRequestNo));
  }

  @Override
  public void resendCancel(String outTradeNo, Instant at) {
    plan(cancelResend.instance(outTradeNo, 0), at, false);
  }

  @Override
  public void forgetCancel(String outTradeNo) {
    forget(cancelResend.instance(outTradeNo, 0));
  }

  private TaskInstance<Integer> refund(String outTradeNo, String outRequestNo) {
    return refundCheck.instance(new RecoveryTasks.RefundId(outTradeNo, outRequestNo).id(), 0);
  }

  /**
   * The row of an item stored in this transaction, which cannot have one yet: one insert, no read
   * first (a row already there would fail the insert and roll the item back with it).
   */
  private void create(TaskInstance<Integer> instance, Instant at) {
    client.scheduleBatch(List.of(instance), at);
  }

  /**
   * A new row; or, for a row not being worked on, an earlier time (or any other time when {@code
   * move}); its attempt count stays.
   */
  private void plan(TaskInstance<Integer> instance, Instant at, boolean move) {
    if (client.scheduleIfNotExists(instance, at)) {
      return;
    }
    try {
      client
          .getScheduledExecution(instance)
          .filter(existing -> !existing.isPicked())
          .filter(
              existing ->
                  move
                      ? !existing.getExecutionTime().equals(at)
                      : existing.getExecutionTime().isAfter(at))
          .ifPresent(existing -> client.reschedule(instance, at, (Integer) existing.getData()));
    } catch (TaskInstanceException pickedMeanwhile) {
      // A check picked the row (or ended it) since it was read: its outcome decides.
    }
  }

  /**
   * Removes the row, unless a check is working on it (its own outcome removes it): one statement,
   * in the transaction in progress.
   */
  private void forget(TaskInstance<Integer> instance) {
    jdbc.sql(
            "DELETE FROM scheduled_tasks WHERE task_name = ? AND task_instance = ?"
                + " AND picked = FALSE")
        .params(instance.getTaskName(), instance.getId())
        .update();
  }
}
