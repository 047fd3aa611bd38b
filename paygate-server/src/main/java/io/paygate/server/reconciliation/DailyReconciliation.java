package io.paygate.server.reconciliation;

import io.paygate.core.reconciliation.BillReconciler;
import io.paygate.core.reconciliation.Reconciliation;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily run: yesterday's bills (Beijing time), every channel's. A bill not ready yet, or a
 * channel that did not answer, is tried again later the same day; after midnight the day is left to
 * an operator (the next run reconciles the next day).
 */
public class DailyReconciliation {

  private static final Logger log = LoggerFactory.getLogger(DailyReconciliation.class);

  private final BillReconciler reconciler;
  private final ReconciliationProperties properties;

  public DailyReconciliation(BillReconciler reconciler, ReconciliationProperties properties) {
    this.reconciler = reconciler;
    this.properties = properties;
  }

  /**
   * Yesterday's bill of every channel's every app. One whose bill fails (not published yet: WeChat
   * Pay publishes from 10:00, say) does not keep the others from being reconciled; the run then
   * fails with the first failure, to be tried again (every bill again: a run made again is kept
   * again, the latest wins, and mending twice changes nothing more).
   */
  public List<Reconciliation> reconcileYesterday() {
    List<Reconciliation> runs = new ArrayList<>();
    RuntimeException failed = null;
    for (String channel : reconciler.channels()) {
      for (String app : reconciler.apps(channel)) {
        try {
          runs.add(reconcileYesterday(channel, app));
        } catch (RuntimeException failure) {
          log.warn(
              "reconciliation of {} app {}'s bill of yesterday failed: {}",
              channel,
              app,
              failure.getMessage());
          if (failed == null) {
            failed = failure;
          } else {
            failed.addSuppressed(failure);
          }
        }
      }
    }
    if (failed != null) {
      throw failed;
    }
    return runs;
  }

  private Reconciliation reconcileYesterday(String channel, String app) {
    LocalDate yesterday = reconciler.today().minusDays(1);
    Reconciliation run = reconciler.reconcile(channel, app, yesterday);
    if (run.status() == Reconciliation.Status.MISMATCHED) {
      log.warn(
          "reconciliation of {} app {}'s bill of {}: {} differences left for an operator"
              + " (GET /api/v1/reconciliations/{}?channel={}&app={})",
          channel,
          app,
          yesterday,
          run.differences().stream().filter(d -> !d.mended()).count(),
          yesterday,
          channel,
          app);
    } else {
      log.info(
          "reconciliation of {} app {}'s bill of {}: matched, {} trades, {} mended",
          channel,
          app,
          yesterday,
          run.tradesInBill(),
          run.differences().size());
    }
    return run;
  }

  /**
   * When to try again after a run failed at {@code failedAt}, or empty to wait for the next daily
   * run: a try after midnight would reconcile another day.
   */
  public Optional<Instant> retryAt(Instant failedAt) {
    Instant next = failedAt.plus(properties.retryEvery());
    LocalDate day = LocalDate.ofInstant(failedAt, BillReconciler.BILL_ZONE);
    return LocalDate.ofInstant(next, BillReconciler.BILL_ZONE).equals(day)
        ? Optional.of(next)
        : Optional.empty();
  }
}
