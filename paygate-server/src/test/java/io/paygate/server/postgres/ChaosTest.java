package io.paygate.server.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.core.refunds.RefundService;
import io.paygate.core.testkit.MutableClock;
import io.paygate.sandbox.database.SandboxDatabase;
import io.paygate.server.recovery.DueChecks;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The books under faults: two instances over one PostgreSQL, against the embedded sandbox with its
 * faults on (duplicated, dropped, reordered and delayed notifies; system errors and timeouts on the
 * gateway), pay, refund and close a few hundred payments concurrently — some closed and then paid
 * anyway, some refunded at "Alipay's console" — then move both clocks on so retries and the janitor
 * (both instances at once) run, and compare every payment with the sandbox's own trades.
 *
 * <p>Bounded: {@code paygate.chaos.payments} payments (default 300), a fixed seed ({@code
 * paygate.chaos.seed}), three hours of virtual time in five-minute steps.
 */
// Own database, instances and clocks, and much of its time spent waiting on held answers and
// timeouts: it runs beside the other classes (junit-platform.properties).
@Execution(ExecutionMode.CONCURRENT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChaosTest extends ClusterTestSupport {

  private static final int PAYMENTS = Integer.getInteger("paygate.chaos.payments", 300);
  private static final long SEED = Long.getLong("paygate.chaos.seed", 20261202L);

  private final MutableClock clock = new MutableClock();
  private Instance a;
  private Instance b;

  /** What the workload did to each payment, for the audit. */
  enum Plan {
    PAID,
    CLOSED_THEN_PAID,
    ABANDONED,
    OPENED_THEN_CLOSED,
    OPENED_AND_LEFT
  }

  private final Map<String, Plan> plans = new ConcurrentHashMap<>();
  private final Map<String, Boolean> closedBeforePaying = new ConcurrentHashMap<>();

  @BeforeAll
  void start() {
    createDatabase();
    // Shorter than the sandbox's held answers, so a timeout fault times PayGate's call out.
    List<String> own = List.of("--paygate.alipay.read-timeout=1s");
    a = startWithSandbox("a", clock, own);
    b = startAsApp("b", a, clock, own);
  }

  @AfterAll
  void stop() {
    for (Instance instance : new Instance[] {b, a}) {
      if (instance != null) {
        instance.context().close();
      }
    }
    dropDatabase();
  }

  @Test
  void everyPaymentAndRefundMatchesAlipaysToTheCentUnderFaults() throws Exception {
    String calls =
        "[\"alipay.trade.query\",\"alipay.trade.refund\",\"alipay.trade.close\","
            + "\"alipay.trade.fastpay.refund.query\"]";
    on(
        a,
        () ->
            fault(
                "{\"gateway\":["
                    + "{\"kind\":\"system_error\",\"methods\":"
                    + calls
                    + ",\"share\":0.05},"
                    + "{\"kind\":\"timeout\",\"methods\":"
                    + calls
                    + ",\"share\":0.03,\"hold_seconds\":2}],"
                    + "\"notify\":["
                    + "{\"kind\":\"drop\",\"share\":0.2},"
                    + "{\"kind\":\"reorder\",\"share\":0.1},"
                    + "{\"kind\":\"delay\",\"share\":0.1,\"delay_seconds\":300},"
                    + "{\"kind\":\"duplicate\",\"share\":0.3}]}"));
    java.time.Instant began = clock.instant();
    long started = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int i = 0; i < PAYMENTS; i++) {
        int n = i;
        work.add(pool.submit(() -> play(n)));
      }
      for (Future<?> done : work) {
        done.get(5, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    long workload = (System.nanoTime() - started) / 1_000_000;

    // Three hours in five-minute steps: the sandbox retries its notifies, payments expire, and
    // both instances' janitors work the due checks at the same time.
    List<DueChecks> janitors = List.of(dueChecks(a, clock), dueChecks(b, clock));
    for (int step = 0; step < 38; step++) {
      if (step == 30) {
        // The last 40 minutes see Alipay well again: longer than the janitor's longest wait
        // between two checks of a payment (30 minutes), so every check due after a fault runs.
        on(a, this::clearSandboxFaults);
      }
      clock.advance(Duration.ofMinutes(5));
      on(a, () -> postJson("/sandbox/api/clock/advance", Map.of("seconds", 300)));
      runTogether(janitors);
    }

    // The days' bills: both clocks past the end of the last Beijing day, then reconcile each day.
    List<String> reconciliations = reconcileEveryDay(began);

    BooksAudit audit = audit();
    System.out.println("chaos reconciliations: " + reconciliations);
    System.out.println(figures(workload, audit));
    audit.problems.stream()
        .limit(10)
        .forEach(problem -> System.out.println(audit.explain(problem)));
    assertThat(audit.problems).as("mismatches").isEmpty();
    assertThat(reconciliations).allMatch(r -> r.contains("MATCHED") && !r.contains("MISMATCHED"));
  }

  private static final java.time.ZoneId BEIJING = java.time.ZoneId.of("Asia/Shanghai");

  /** Every Beijing day the run touched, reconciled against its bill once the day is over. */
  private List<String> reconcileEveryDay(java.time.Instant began) {
    java.time.LocalDate first = java.time.LocalDate.ofInstant(began, BEIJING);
    java.time.LocalDate last = java.time.LocalDate.ofInstant(clock.instant(), BEIJING);
    java.time.Instant dayOver = last.plusDays(1).atStartOfDay(BEIJING).toInstant().plusSeconds(60);
    Duration wait = Duration.between(clock.instant(), dayOver);
    clock.advance(wait);
    on(a, () -> postJson("/sandbox/api/clock/advance", Map.of("seconds", wait.toSeconds())));
    List<String> results = new ArrayList<>();
    for (java.time.LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
      String billDate = day.toString();
      Reply reply =
          on(a, () -> api("POST", "/api/v1/reconciliations", Map.of("bill_date", billDate)));
      assertThat(reply.status()).as(reply.body()).isEqualTo(201);
      JsonNode result = reply.json();
      int mended = 0;
      for (JsonNode difference : result.get("differences")) {
        if (difference.get("mended").asBoolean()) {
          mended++;
        }
      }
      for (JsonNode difference : result.get("differences")) {
        if (!difference.get("mended").asBoolean()) {
          System.out.println("chaos: unmended " + difference);
        }
      }
      results.add(
          billDate
              + " "
              + result.get("status").asString()
              + " (trades in bill "
              + result.get("trades_in_bill").asInt()
              + ", differences "
              + result.get("differences").size()
              + ", mended "
              + mended
              + ")");
    }
    return results;
  }

  // -- the workload

  private void play(int n) {
    Random random = new Random(SEED + n);
    Instance shop = n % 2 == 0 ? a : b;
    String amount = cents(100 + random.nextInt(20_000));
    double roll = random.nextDouble();
    Plan plan =
        roll < 0.55
            ? Plan.PAID
            : roll < 0.70
                ? Plan.CLOSED_THEN_PAID
                : roll < 0.85
                    ? Plan.ABANDONED
                    : roll < 0.95 ? Plan.OPENED_THEN_CLOSED : Plan.OPENED_AND_LEFT;
    String no = on(shop, () -> createPayment(amount, random.nextBoolean() ? "page" : "wap"));
    plans.put(no, plan);
    switch (plan) {
      case PAID -> {
        on(shop, () -> openCashier(no));
        String tradeNo = on(a, () -> payAsBuyer(no)).json().get("trade_no").asString();
        refunds(no, new BigDecimal(amount), tradeNo, random);
      }
      case CLOSED_THEN_PAID -> {
        Reply page = on(shop, () -> loadPayPage(no));
        Reply closed = on(shop, () -> api("POST", "/api/v1/payments/" + no + "/close", null));
        closedBeforePaying.put(no, closed.status() == 200);
        on(shop, () -> submitPayForm(page));
        on(a, () -> payAsBuyer(no));
      }
      case ABANDONED -> {}
      case OPENED_THEN_CLOSED -> {
        on(shop, () -> openCashier(no));
        on(
            random.nextBoolean() ? a : b,
            () -> api("POST", "/api/v1/payments/" + no + "/close", null));
      }
      case OPENED_AND_LEFT -> on(shop, () -> openCashier(no));
    }
  }

  /** Partial refunds through either instance, and now and then one at Alipay's console. */
  private void refunds(String no, BigDecimal total, String tradeNo, Random random) {
    BigDecimal left = total;
    int count = random.nextInt(4); // 0 to 3
    for (int i = 0; i < count; i++) {
      BigDecimal part =
          left.divide(BigDecimal.valueOf(2 + random.nextInt(3)), 2, java.math.RoundingMode.DOWN);
      if (part.signum() <= 0) {
        return;
      }
      left = left.subtract(part);
      if (random.nextDouble() < 0.25) {
        on(
            a,
            () ->
                postJson(
                    "/sandbox/api/trades/" + tradeNo + "/console-refunds",
                    Map.of("refund_amount", part.toPlainString())));
      } else {
        on(
            random.nextBoolean() ? a : b,
            () ->
                api(
                    "POST",
                    "/api/v1/payments/" + no + "/refunds",
                    Map.of("refund_amount", part.toPlainString())));
      }
    }
  }

  private static String cents(int cents) {
    return BigDecimal.valueOf(cents, 2).toPlainString();
  }

  private static void runTogether(List<DueChecks> janitors) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(janitors.size());
    try {
      List<Future<?>> runs = new ArrayList<>();
      for (DueChecks janitor : janitors) {
        runs.add(pool.submit(janitor::run));
      }
      for (Future<?> run : runs) {
        run.get(5, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  // -- the audit: our books against the sandbox's ("Alipay's")

  private BooksAudit audit() {
    BooksAudit audit =
        new BooksAudit(a.bean(JdbcClient.class), a.bean(SandboxDatabase.class).jdbc());
    // Money paid after the shop's close is booked, flagged and given back in full.
    closedBeforePaying.forEach(
        (no, closed) -> {
          BooksAudit.Ours mine = audit.books.get(no);
          if (closed
              && mine.paid()
              && (!"PAID_AFTER_CLOSE".equals(mine.attention())
                  || !mine.status().equals("REFUNDED"))) {
            audit.problems.add(no + " paid after its close but " + mine);
          }
        });
    return audit;
  }

  private String figures(long workloadMillis, BooksAudit audit) {
    JdbcClient ours = a.bean(JdbcClient.class);
    int notifies = audit.countAtAlipay("SELECT COUNT(*) FROM notifies");
    int attempts = audit.countAtAlipay("SELECT COUNT(*) FROM notify_attempts");
    int dropped = audit.countAtAlipay("SELECT COUNT(*) FROM notifies WHERE dropped = TRUE");
    int received = audit.count("SELECT COUNT(*) FROM exchanges WHERE operation = 'notify'");
    Map<String, Integer> byOperation = new HashMap<>();
    ours.sql("SELECT operation, outcome, COUNT(*) AS n FROM exchanges GROUP BY operation, outcome")
        .query(
            (row, i) ->
                byOperation.merge(
                    row.getString("operation") + "/" + row.getString("outcome"),
                    row.getInt("n"),
                    Integer::sum))
        .list();
    int unknown =
        byOperation.entrySet().stream()
            .filter(e -> e.getKey().endsWith("/unknown"))
            .mapToInt(Map.Entry::getValue)
            .sum();
    int queries =
        byOperation.entrySet().stream()
            .filter(e -> e.getKey().startsWith("query"))
            .mapToInt(Map.Entry::getValue)
            .sum();
    long resent =
        a.bean(RefundService.class).resentCount() + b.bean(RefundService.class).resentCount();
    return String.format(
        "chaos: %d payments (%s) in %d ms of workload; notifies %d, delivery attempts %d"
            + " (duplicates posted twice), dropped %d, received by PayGate %d; gateway calls"
            + " with an unknown outcome %d; trade and refund queries %d; refunds sent again"
            + " under their own number %d; refunds at Alipay %d, succeeded here %d (of which"
            + " made outside PayGate %d); paid after close %d; mismatches %d",
        PAYMENTS,
        audit.statuses(),
        workloadMillis,
        notifies,
        attempts,
        dropped,
        received,
        unknown,
        queries,
        resent,
        audit.countAtAlipay("SELECT COUNT(*) FROM refunds"),
        audit.count("SELECT COUNT(*) FROM refunds WHERE status = 'SUCCEEDED'"),
        audit.count("SELECT COUNT(*) FROM refunds WHERE origin = 'CHANNEL'"),
        audit.count("SELECT COUNT(*) FROM payments WHERE attention = 'PAID_AFTER_CLOSE'"),
        audit.problems.size());
  }
}
