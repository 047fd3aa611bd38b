package io.paygate.server.reconciliation;

import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.paygate.core.channel.Channels;
import io.paygate.core.payments.PaymentRepository;
import io.paygate.core.payments.PaymentService;
import io.paygate.core.reconciliation.BillReconciler;
import io.paygate.core.reconciliation.Books;
import io.paygate.core.reconciliation.ReconciliationRepository;
import io.paygate.core.refunds.RefundRepository;
import io.paygate.core.refunds.RefundService;
import io.paygate.core.refunds.RefundSettlement;
import io.paygate.core.transactions.Transactions;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires bill reconciliation: the core's reconciler, and the daily db-scheduler task (picked up by
 * the recovery scheduler like every {@code RecurringTask} bean, so it runs once per cluster).
 */
@Configuration(proxyBeanMethods = false)
public class ReconciliationConfiguration {

  static final String DAILY = "daily-reconciliation";

  private static final Logger log = LoggerFactory.getLogger(ReconciliationConfiguration.class);

  @Bean
  BillReconciler billReconciler(
      Channels channels,
      Books books,
      PaymentRepository payments,
      RefundRepository refunds,
      PaymentService paymentService,
      RefundService refundService,
      RefundSettlement settlement,
      Transactions transactions,
      ReconciliationRepository reconciliations,
      Clock clock) {
    return new BillReconciler(
        channels,
        books,
        payments,
        refunds,
        paymentService,
        refundService,
        settlement,
        transactions,
        reconciliations,
        clock);
  }

  @Bean
  DailyReconciliation dailyReconciliation(
      BillReconciler reconciler, ReconciliationProperties properties) {
    return new DailyReconciliation(reconciler, properties);
  }

  /** Reached lazily: the task is built before the scheduler, which the domain services need. */
  @Bean
  @ConditionalOnProperty(
      name = "paygate.reconciliation.enabled",
      havingValue = "true",
      matchIfMissing = true)
  RecurringTask<Void> dailyReconciliationTask(
      ObjectProvider<DailyReconciliation> daily, ReconciliationProperties properties) {
    Schedule schedule = Schedules.daily(BillReconciler.BILL_ZONE, properties.time());
    return Tasks.recurring(DAILY, schedule)
        .onFailure(retryLaterToday(daily, schedule))
        .execute((instance, context) -> daily.getObject().reconcileYesterday());
  }

  private static FailureHandler<Void> retryLaterToday(
      ObjectProvider<DailyReconciliation> daily, Schedule schedule) {
    return (complete, operations) -> {
      Instant failedAt = complete.getTimeDone();
      Instant next =
          daily
              .getObject()
              .retryAt(failedAt)
              .orElseGet(() -> schedule.getNextExecutionTime(complete));
      log.warn(
          "daily reconciliation failed, next try at {}: {}",
          next,
          complete.getCause().map(Throwable::getMessage).orElse("unknown"));
      operations.reschedule(complete, next);
    };
  }
}
