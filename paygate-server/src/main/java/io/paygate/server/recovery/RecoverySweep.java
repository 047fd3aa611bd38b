package io.paygate.server.recovery;

import static io.paygate.server.database.Times.column;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.paygate.core.checks.CheckSchedule;
import io.paygate.core.recovery.Janitor;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The backstop: gives every open payment and pending refund without a check row its row. Every path
 * that puts an item in flight writes its row in the same transaction, so a row made here is a
 * defect to look at: each is logged (WARN) and counted in {@code
 * paygate_recovery_sweep_rows_total{item}}, at zero from start-up. Runs at start-up and every
 * {@code paygate.jobs.sweep-interval}.
 */
@Component
public class RecoverySweep {

  private static final Logger log = LoggerFactory.getLogger(RecoverySweep.class);
  private static final int BATCH = 1000;

  private final JdbcClient jdbc;
  private final CheckSchedule checks;
  private final Clock clock;
  private final Counter paymentRows;
  private final Counter refundRows;

  public RecoverySweep(JdbcClient jdbc, CheckSchedule checks, Clock clock, MeterRegistry meters) {
    this.jdbc = jdbc;
    this.checks = checks;
    this.clock = clock;
    this.paymentRows = meters.counter("paygate.recovery.sweep.rows", "item", "payment");
    this.refundRows = meters.counter("paygate.recovery.sweep.rows", "item", "refund");
  }

  /**
   * @return how many items got a check they were missing
   */
  public int sweep() {
    Instant now = clock.instant();
    int planned = 0;
    for (String outTradeNo :
        jdbc.sql(
                "SELECT p.out_trade_no FROM payments p WHERE (p.status = 'PENDING'"
                    + " OR (p.status = 'CLOSED' AND p.expires_at > :watchedFrom))"
                    + " AND NOT EXISTS (SELECT 1 FROM scheduled_tasks t"
                    + " WHERE t.task_name = :task AND t.task_instance = p.out_trade_no)"
                    + " FETCH FIRST "
                    + BATCH
                    + " ROWS ONLY")
            .param("watchedFrom", column(now.minus(Janitor.CLOSED_WATCH_MARGIN)))
            .param("task", RecoveryTasks.PAYMENT_CHECK)
            .query(String.class)
            .list()) {
      log.warn("recovery sweep: payment {} was open without a check row; planned one", outTradeNo);
      checks.checkPayment(outTradeNo, now);
      paymentRows.increment();
      planned++;
    }
    for (RecoveryTasks.RefundId refund :
        jdbc.sql(
                "SELECT r.out_trade_no, r.out_request_no FROM refunds r WHERE r.status = 'PENDING'"
                    + " AND NOT EXISTS (SELECT 1 FROM scheduled_tasks t WHERE t.task_name = :task"
                    // The refund task's id, as RecoveryTasks.RefundId writes it.
                    + " AND t.task_instance = r.out_trade_no || '/' || r.out_request_no)"
                    + " FETCH FIRST "
                    + BATCH
                    + " ROWS ONLY")
            .param("task", RecoveryTasks.REFUND_CHECK)
            .query(
                (row, index) ->
                    new RecoveryTasks.RefundId(
                        row.getString("out_trade_no"), row.getString("out_request_no")))
            .list()) {
      log.warn(
          "recovery sweep: refund {}/{} was pending without a check row; planned one",
          refund.outTradeNo(),
          refund.outRequestNo());
      checks.checkRefund(refund.outTradeNo(), refund.outRequestNo(), now);
      refundRows.increment();
      planned++;
    }
    return planned;
  }
}
