package io.paygate.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.paygate.core.channel.Product;
import io.paygate.core.payments.PaymentEvent;
import io.paygate.core.payments.PaymentStatus;
import io.paygate.core.refunds.RefundEvent;
import io.paygate.core.refunds.RefundOrigin;
import io.paygate.core.refunds.RefundTransition;
import java.util.List;
import java.util.Locale;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Counts what the books announce, as {@code paygate_payments_total{event,product}} and {@code
 * paygate_refunds_total{outcome,origin}}, labelled from what the fact carries. Every known series
 * is registered at start-up at zero, so a fresh instance's rates and alerts read something. A fact
 * is counted when its transaction commits: a rolled-back change or a repeated notify counts
 * nothing, so the metrics agree with the tables.
 */
@Component
public class BookMetrics {

  static final List<String> PAYMENT_EVENTS =
      List.of("created", "paid", "closed", "failed", "partially_refunded", "refunded");
  static final List<String> REFUND_OUTCOMES =
      List.of("requested", "succeeded", "failed", "retried");

  private final MeterRegistry meters;

  public BookMetrics(MeterRegistry meters) {
    this.meters = meters;
    for (String event : PAYMENT_EVENTS) {
      for (Product product : Product.values()) {
        paymentCounter(event, product.name());
      }
    }
    for (String outcome : REFUND_OUTCOMES) {
      for (RefundOrigin origin : RefundOrigin.values()) {
        refundCounter(outcome, origin.name());
      }
    }
  }

  @EventListener
  public void on(PaymentEvent event) {
    String product = event.payment().product().name();
    if (event instanceof PaymentEvent.Created) {
      afterCommit(paymentCounter("created", product));
    } else if (event instanceof PaymentEvent.Paid) {
      afterCommit(paymentCounter("paid", product));
    } else if (!(event instanceof PaymentEvent.AttentionRaised)) {
      // Closed (or failed) and refunded: the status the payment moved to.
      PaymentStatus status = event.payment().status();
      afterCommit(paymentCounter(status.name().toLowerCase(Locale.ROOT), product));
    }
  }

  @EventListener
  public void on(RefundEvent event) {
    String origin = event.refund().origin().name();
    if (event instanceof RefundEvent.Settled settled) {
      afterCommit(
          refundCounter(
              settled.by() == RefundTransition.RETRY
                  ? "retried"
                  : settled.refund().status().name().toLowerCase(Locale.ROOT),
              origin));
    } else {
      afterCommit(refundCounter("requested", origin));
    }
  }

  private Counter paymentCounter(String event, String product) {
    return meters.counter("paygate.payments", "event", event, "product", lower(product));
  }

  private Counter refundCounter(String outcome, String origin) {
    return meters.counter("paygate.refunds", "outcome", outcome, "origin", lower(origin));
  }

  private static String lower(String value) {
    return value.toLowerCase(Locale.ROOT);
  }

  private static void afterCommit(Counter counter) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      counter.increment();
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            counter.increment();
          }
        });
  }
}
