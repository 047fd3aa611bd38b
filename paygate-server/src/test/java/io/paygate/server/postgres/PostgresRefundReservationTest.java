package io.paygate.server.postgres;

import static io.paygate.core.testkit.RepositoryContract.newNo;
import static io.paygate.core.testkit.RepositoryContract.pending;
import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.core.channel.ChannelTrade;
import io.paygate.core.channel.TradeState;
import io.paygate.core.money.Money;
import io.paygate.core.payments.Payment;
import io.paygate.core.refunds.Refund;
import io.paygate.core.refunds.RefundOrigin;
import io.paygate.core.refunds.RefundStatus;
import io.paygate.server.payments.JdbcPaymentRepository;
import io.paygate.server.refunds.JdbcRefundRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Refund reservations under concurrency, done the way the domain does them (RefundService#reserve
 * without the channel call): lock the payment row, sum what is reserved, insert a PENDING refund
 * only if it still fits. On PostgreSQL {@code SELECT ... FOR UPDATE} must serialise them.
 */
class PostgresRefundReservationTest extends PostgresTestSupport {

  private static final int THREADS = 16;
  private static final Money TOTAL = Money.parse("10.00");
  private static final Money ONE = Money.parse("1.00");

  @Autowired JdbcPaymentRepository payments;
  @Autowired JdbcRefundRepository refunds;
  @Autowired TransactionTemplate transactions;
  @Autowired JdbcClient jdbc;

  private ExecutorService pool;

  @BeforeEach
  void startPool() {
    pool = Executors.newFixedThreadPool(THREADS);
  }

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  @Test
  void sixteenConcurrentReservationsOfOneYuanOnTenYuanReserveExactlyTen() throws Exception {
    String no = paidPayment();
    CyclicBarrier start = new CyclicBarrier(THREADS);

    List<Boolean> reserved =
        runConcurrently(
            i -> {
              await(start);
              return transactions.execute(
                  status -> {
                    payments.lock(no).orElseThrow();
                    return reserveIfItFits(no, i);
                  });
            });

    assertThat(reserved).filteredOn(Boolean::booleanValue).hasSize(10);
    assertThat(refunds.findByPayment(no)).hasSize(10).allMatch(r -> r.refundAmount().equals(ONE));
    assertThat(refunds.sumReserved(no)).isEqualTo(TOTAL);
  }

  /**
   * The control: the same check without the row lock over-reserves once every transaction has read
   * the sum before any inserts, which is what the lock above prevents.
   */
  @Test
  void withoutTheRowLockTheSameCheckOverReserves() throws Exception {
    String no = paidPayment();
    CyclicBarrier allRead = new CyclicBarrier(THREADS);

    List<Boolean> reserved =
        runConcurrently(
            i ->
                transactions.execute(
                    status -> {
                      payments.find(no).orElseThrow();
                      Money before = refunds.sumReserved(no);
                      await(allRead);
                      return insertIfFits(no, i, before);
                    }));

    assertThat(reserved).containsOnly(true).hasSize(THREADS);
    assertThat(refunds.sumReserved(no)).isEqualTo(Money.parse("16.00"));
  }

  @Test
  void aSecondLockerWaitsForTheFirstToCommitAndThenSeesItsReservation() throws Exception {
    String no = paidPayment();
    CountDownLatch firstLocked = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);

    Future<Boolean> first =
        pool.submit(
            () ->
                transactions.execute(
                    status -> {
                      payments.lock(no).orElseThrow();
                      firstLocked.countDown();
                      awaitLatch(releaseFirst);
                      return reserveIfItFits(no, 1);
                    }));
    assertThat(firstLocked.await(30, TimeUnit.SECONDS)).isTrue();

    Future<Money> second =
        pool.submit(
            () ->
                transactions.execute(
                    status -> {
                      payments.lock(no).orElseThrow();
                      return refunds.sumReserved(no);
                    }));

    // PostgreSQL itself reports the second transaction as waiting for the row lock.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (backendsWaitingForALock() == 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(backendsWaitingForALock()).isEqualTo(1);
    assertThat(second).isNotDone();

    releaseFirst.countDown();
    assertThat(first.get(30, TimeUnit.SECONDS)).isTrue();
    assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo(ONE);
  }

  // -- helpers

  private String paidPayment() {
    String no = newNo();
    Payment payment = pending(no, TOTAL.toString());
    assertThat(payments.insert(payment)).isTrue();
    ChannelTrade trade =
        new ChannelTrade(
            no, "T" + no, TradeState.PAID, TOTAL, "buyer@example.com", "2088000000000001", null);
    Boolean paid =
        transactions.execute(
            status -> payments.markPaid(payment, trade, Instant.now()).isPresent());
    assertThat(paid).isTrue();
    return no;
  }

  private boolean reserveIfItFits(String no, int i) {
    return insertIfFits(no, i, refunds.sumReserved(no));
  }

  private boolean insertIfFits(String no, int i, Money reserved) {
    if (reserved.plus(ONE).isGreaterThan(TOTAL)) {
      return false;
    }
    Instant now = Instant.now();
    refunds.insert(
        new Refund(
            no,
            "R" + i,
            ONE,
            null,
            RefundStatus.PENDING,
            null,
            null,
            now,
            now,
            null,
            RefundOrigin.PAYGATE));
    return true;
  }

  private int backendsWaitingForALock() {
    return jdbc.sql(
            "SELECT count(*) FROM pg_stat_activity"
                + " WHERE wait_event_type = 'Lock' AND query LIKE '%FOR UPDATE%'")
        .query(Integer.class)
        .single();
  }

  private <T> List<T> runConcurrently(Function<Integer, T> work) throws Exception {
    List<Future<T>> futures = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      int n = i;
      futures.add(pool.submit(() -> work.apply(n)));
    }
    List<T> results = new ArrayList<>();
    for (Future<T> future : futures) {
      results.add(future.get(60, TimeUnit.SECONDS));
    }
    return results;
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("the threads did not meet", e);
    }
  }

  private static void awaitLatch(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
