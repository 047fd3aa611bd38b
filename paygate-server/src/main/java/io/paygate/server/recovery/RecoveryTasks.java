package io.paygate.server.recovery;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.micrometer.core.instrument.MeterRegistry;
import io.paygate.core.checks.Backoff;
import io.paygate.core.checks.CheckSchedule;
import io.paygate.core.recovery.Janitor;
import io.paygate.server.logging.LogContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * The recovery work as db-scheduler tasks: one persistent row per open payment ({@code
 * payment-check}), per pending refund ({@code refund-check}) and per shop's cancel Alipay left
 * unanswered ({@code cancel-resend}), each with its own next execution time and attempt count, plus
 * a recurring sweep that makes sure no open item is without its row. A failing item is retried
 * later with backoff (its failures counted in its row) and never holds up another.
 */
@Configuration(proxyBeanMethods = false)
public class RecoveryTasks {

  static final String PAYMENT_CHECK = "payment-check";
  static final String REFUND_CHECK = "refund-check";
  static final String CANCEL_RESEND = "cancel-resend";
  static final String SWEEP = "recovery-sweep";

  private static final Logger log = LoggerFactory.getLogger(RecoveryTasks.class);

  /** The janitor is reached lazily: it needs the schedule, which needs these tasks. */
  @Bean
  CustomTask<Integer> paymentCheck(
      ObjectProvider<Janitor> janitor, Clock clock, MeterRegistry meters) {
    return Tasks.custom(PAYMENT_CHECK, Integer.class)
        .onFailure(retryLater(clock, meters, "payment"))
        .execute(
            (instance, context) -> {
              int attempts = attempts(instance.getData());
              try (LogContext log = LogContext.trade(instance.getId())) {
                Janitor.Next next = janitor.getObject().checkPayment(instance.getId(), attempts);
                return next(next, attempts, meters, "payment");
              }
            });
  }

  @Bean
  CustomTask<Integer> refundCheck(
      ObjectProvider<Janitor> janitor, Clock clock, MeterRegistry meters) {
    return Tasks.custom(REFUND_CHECK, Integer.class)
        .onFailure(retryLater(clock, meters, "refund"))
        .execute(
            (instance, context) -> {
              int attempts = attempts(instance.getData());
              RefundId id = RefundId.parse(instance.getId());
              try (LogContext log = LogContext.refund(id.outTradeNo(), id.outRequestNo())) {
                Janitor.Next next =
                    janitor.getObject().checkRefund(id.outTradeNo(), id.outRequestNo(), attempts);
                return next(next, attempts, meters, "refund");
              }
            });
  }

  /** A cancel in flight: sent again until Alipay answers it, then its outcome is booked. */
  @Bean
  CustomTask<Integer> cancelResend(
      ObjectProvider<Janitor> janitor, Clock clock, MeterRegistry meters) {
    return Tasks.custom(CANCEL_RESEND, Integer.class)
        .onFailure(retryLater(clock, meters, "cancel"))
        .execute(
            (instance, context) -> {
              int attempts = attempts(instance.getData());
              try (LogContext log = LogContext.trade(instance.getId())) {
                Janitor.Next next = janitor.getObject().checkCancel(instance.getId(), attempts);
                return next(next, attempts, meters, "cancel");
              }
            });
  }

  /** The backstop: a row it has to make is a defect (see {@link RecoverySweep}). */
  @Bean
  RecurringTask<Void> recoverySweepTask(
      ObjectProvider<RecoverySweep> sweep, RecoveryProperties properties) {
    return Tasks.recurring(SWEEP, Schedules.fixedDelay(properties.sweepInterval()))
        .execute((instance, context) -> sweep.getObject().sweep());
  }

  /**
   * Writes the rows; works whether or not this instance runs a scheduler. Through the transaction
   * in progress, if any (its connection, its commit), so a row commits with its item.
   */
  @Bean
  SchedulerClient schedulerClient(DataSource dataSource, List<Task<?>> tasks) {
    return SchedulerClient.Builder.create(new TransactionAwareDataSourceProxy(dataSource), tasks)
        .build();
  }

  @Bean
  CheckSchedule checkSchedule(
      SchedulerClient client,
      JdbcClient jdbc,
      CustomTask<Integer> paymentCheck,
      CustomTask<Integer> refundCheck,
      CustomTask<Integer> cancelResend,
      RecoveryProperties properties) {
    return new SchedulerCheckSchedule(
        client, jdbc, paymentCheck, refundCheck, cancelResend, properties.firstCheck());
  }

  private static int attempts(Integer data) {
    return data == null ? 0 : data;
  }

  /** paygate_janitor_checks_total{item=payment|refund|cancel, result=again|done|failed}. */
  private static void count(MeterRegistry meters, String item, String result) {
    meters.counter("paygate.janitor.checks", "item", item, "result", result).increment();
  }

  private static CompletionHandler<Integer> next(
      Janitor.Next next, int attempts, MeterRegistry meters, String item) {
    count(meters, item, next instanceof Janitor.Next.At ? "again" : "done");
    if (next instanceof Janitor.Next.At at) {
      return (ExecutionComplete complete, ExecutionOperations<Integer> operations) ->
          operations.reschedule(complete, at.at(), attempts + 1);
    }
    return (complete, operations) -> operations.remove();
  }

  /** An exception on one item: log it once, count it in the row, look again with backoff. */
  private static FailureHandler<Integer> retryLater(
      Clock clock, MeterRegistry meters, String item) {
    return (complete, operations) -> {
      count(meters, item, "failed");
      int failures = complete.getExecution().consecutiveFailures;
      Instant next = clock.instant().plus(Backoff.payment(failures));
      log.warn(
          "recovery of {} failed ({} in a row), next try at {}: {}",
          complete.getExecution().getId(),
          failures + 1,
          next,
          complete.getCause().map(Throwable::toString).orElse("unknown"));
      operations.reschedule(complete, next);
    };
  }

  /** A refund's task id: {@code out_trade_no/out_request_no} (neither may hold a slash). */
  record RefundId(String outTradeNo, String outRequestNo) {
    static RefundId parse(String id) {
      int slash = id.indexOf('/');
      return new RefundId(id.substring(0, slash), id.substring(slash + 1));
    }

    String id() {
      return outTradeNo + "/" + outRequestNo;
    }
  }
}
