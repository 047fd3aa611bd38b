package io.paygate.server.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Counts what the books record, as {@code paygate_payments_total{event,product}} and {@code
 * paygate_refunds_total{outcome,origin}}. The repositories call it only when a row really changed,
 * and the count is taken when the transaction commits: a rolled-back change or a repeated notify
 * counts nothing, so the metrics agree with the tables.
 */
@Component
public class BookMetrics {

  private final MeterRegistry meters;

  public BookMetrics(MeterRegistry meters) {
    this.meters = meters;
  }

  /** A payment event: created, paid, closed, partially_refunded, refunded. */
  public void payment(String event, String product) {
    afterCommit(
        () ->
            meters
                .counter("paygate.payments", "event", event, "product", lower(product))
                .increment());
  }

  /** A refund event: requested, succeeded, failed, retried. */
  public void refund(String outcome, String origin) {
    afterCommit(
        () ->
            meters
                .counter("paygate.refunds", "outcome", outcome, "origin", lower(origin))
                .increment());
  }

  private static String lower(String value) {
    return value == null ? "unknown" : value.toLowerCase(Locale.ROOT);
  }

  private static void afterCommit(Runnable count) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      count.run();
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            count.run();
          }
        });
  }
}
