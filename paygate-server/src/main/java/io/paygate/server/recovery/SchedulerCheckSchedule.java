package io.paygate.server.recovery;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import io.paygate.core.checks.CheckSchedule;
import java.time.Instant;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The core's recovery schedule as db-scheduler rows. Inside a transaction the row is written once
 * it commits, so a check can never run before the change it checks is visible (a crash in between
 * is covered by the sweep).
 */
class SchedulerCheckSchedule implements CheckSchedule {

  private final SchedulerClient client;
  private final CustomTask<Integer> paymentCheck;
  private final CustomTask<Integer> refundCheck;
  private final CustomTask<Integer> cancelResend;

  SchedulerCheckSchedule(
      SchedulerClient client,
      CustomTask<Integer> paymentCheck,
      CustomTask<Integer> refundCheck,
      CustomTask<Integer> cancelResend) {
    this.client = client;
    this.paymentCheck = paymentCheck;
    this.refundCheck = refundCheck;
    this.cancelResend = cancelResend;
  }

  @Override
  public void checkPayment(String outTradeNo, Instant at) {
    afterCommit(() -> plan(paymentCheck.instance(outTradeNo, 0), at));
  }

  @Override
  public void checkRefund(String outTradeNo, String outRequestNo, Instant at) {
    String id = new RecoveryTasks.RefundId(outTradeNo, outRequestNo).id();
    afterCommit(() -> plan(refundCheck.instance(id, 0), at));
  }

  @Override
  public void resendCancel(String outTradeNo, Instant at) {
    afterCommit(() -> plan(cancelResend.instance(outTradeNo, 0), at));
  }

  /** A new row, or an earlier time for a row not being worked on; its attempt count stays. */
  private void plan(TaskInstance<Integer> instance, Instant at) {
    if (client.scheduleIfNotExists(instance, at)) {
      return;
    }
    client
        .getScheduledExecution(instance)
        .filter(existing -> !existing.isPicked() && existing.getExecutionTime().isAfter(at))
        .ifPresent(existing -> client.reschedule(instance, at, (Integer) existing.getData()));
  }

  private static void afterCommit(Runnable work) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              work.run();
            }
          });
    } else {
      work.run();
    }
  }
}
