package io.paygate.server.jobs;

import io.paygate.core.payments.Payment;
import io.paygate.core.payments.PaymentRepository;
import io.paygate.core.payments.PaymentService;
import io.paygate.core.refunds.Refund;
import io.paygate.core.refunds.RefundService;
import io.paygate.core.support.PayGateException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Recovers what a lost notification or an unknown answer left open: pending refunds are settled by
 * a refund query, pending payments are synced with a trade query (and closed once expired). Never a
 * blind retry. Each job holds a lease so it runs on one instance at a time.
 */
@Component
@ConditionalOnProperty(name = "paygate.jobs.enabled", havingValue = "true", matchIfMissing = true)
public class PendingWorkJobs {

  private static final Logger log = LoggerFactory.getLogger(PendingWorkJobs.class);
  private static final int BATCH = 50;

  private final PendingWork work;
  private final JobLeases leases;

  public PendingWorkJobs(PendingWork work, JobLeases leases) {
    this.work = work;
    this.leases = leases;
  }

  @Scheduled(
      fixedDelayString = "${paygate.jobs.refunds-every:30s}",
      initialDelayString = "${paygate.jobs.initial-delay:20s}")
  void settleRefunds() {
    runLeased("settle-pending-refunds", work::settlePendingRefunds);
  }

  @Scheduled(
      fixedDelayString = "${paygate.jobs.payments-every:60s}",
      initialDelayString = "${paygate.jobs.initial-delay:20s}")
  void syncPayments() {
    runLeased("sync-pending-payments", work::syncPendingPayments);
  }

  private void runLeased(String job, Runnable task) {
    if (!leases.tryAcquire(job, Duration.ofMinutes(5))) {
      return;
    }
    try {
      task.run();
    } catch (RuntimeException failure) {
      log.warn("job {} stopped early: {}", job, failure.toString());
    } finally {
      leases.release(job);
    }
  }

  /** The work itself, callable directly (tests, operators) without waiting for a schedule. */
  @Component
  public static class PendingWork {

    private final PaymentService payments;
    private final PaymentRepository paymentRepository;
    private final RefundService refunds;
    private final Clock clock;

    public PendingWork(
        PaymentService payments,
        PaymentRepository paymentRepository,
        RefundService refunds,
        Clock clock) {
      this.payments = payments;
      this.paymentRepository = paymentRepository;
      this.refunds = refunds;
      this.clock = clock;
    }

    /** Refund queries for refunds pending for 10 s or more (Alipay asks for that pause). */
    public int settlePendingRefunds() {
      Instant before = clock.instant().minusSeconds(10);
      int settled = 0;
      for (Refund refund : refunds.pendingBefore(before, BATCH)) {
        Refund after = refunds.resolve(refund.outTradeNo(), refund.outRequestNo());
        if (after.status() != refund.status()) {
          settled++;
        }
      }
      return settled;
    }

    /**
     * Trade queries for payments pending for two minutes or more; those past their expiry that
     * Alipay still does not call paid are closed.
     */
    public int syncPendingPayments() {
      Instant now = clock.instant();
      int changed = 0;
      for (Payment payment :
          paymentRepository.findPendingCreatedBefore(now.minus(Duration.ofMinutes(2)), BATCH)) {
        try {
          Payment synced = payments.sync(payment.outTradeNo());
          if (synced.status() == payment.status() && now.isAfter(payment.expiresAt())) {
            synced = payments.close(payment.outTradeNo());
          }
          if (synced.status() != payment.status()) {
            changed++;
          }
        } catch (PayGateException unavailable) {
          // Alipay did not answer; the next run asks again.
        }
      }
      return changed;
    }
  }
}
