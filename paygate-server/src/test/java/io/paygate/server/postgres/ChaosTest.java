package io.paygate.server.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.task.Task;
import io.paygate.core.refunds.RefundService;
import io.paygate.sandbox.support.SandboxDatabase;
import io.paygate.server.MutableClock;
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
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.simple.JdbcClient;

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
    List<DueChecks> janitors = List.of(janitor(a), janitor(b));
    for (int step = 0; step < 38; step++) {
      if (step == 36) {
        on(a, this::clearSandboxFaults); // the last steps see Alipay well again
      }
      clock.advance(Duration.ofMinutes(5));
      on(a, () -> postJson("/sandbox/api/clock/advance", Map.of("seconds", 300)));
      runTogether(janitors);
    }

    Audit audit = audit();
    System.out.println(figures(workload, audit));
    audit.problems().stream().limit(10).forEach(problem -> System.out.println(explain(problem)));
    assertThat(audit.problems()).as("mismatches").isEmpty();
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

  private DueChecks janitor(Instance instance) {
    List<Task<?>> tasks = new ArrayList<>();
    instance.context().getBeansOfType(Task.class).values().forEach(tasks::add);
    return new DueChecks(instance.bean(DataSource.class), tasks, clock);
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

  record Ours(String status, BigDecimal total, BigDecimal refunded, String attention) {}

  record Theirs(boolean paid, BigDecimal total, BigDecimal refunded) {}

  record Audit(
      List<String> problems,
      Map<String, Integer> statuses,
      int sandboxRefunds,
      int ourRefunds,
      int outsideRefunds,
      int paidAfterClose) {}

  private Audit audit() {
    JdbcClient ours = a.bean(JdbcClient.class);
    Map<String, Ours> books = new HashMap<>();
    ours.sql("SELECT out_trade_no, status, total_amount, refunded_amount, attention FROM payments")
        .query(
            (row, i) ->
                books.put(
                    row.getString("out_trade_no"),
                    new Ours(
                        row.getString("status"),
                        row.getBigDecimal("total_amount"),
                        row.getBigDecimal("refunded_amount"),
                        row.getString("attention"))))
        .list();
    Map<String, Theirs> alipay = new HashMap<>();
    a.bean(SandboxDatabase.class)
        .jdbc()
        .query(
            "SELECT out_trade_no, paid_at, total_amount, refunded_amount FROM trades",
            (row, i) ->
                alipay.put(
                    row.getString("out_trade_no"),
                    new Theirs(
                        row.getObject("paid_at") != null,
                        row.getBigDecimal("total_amount"),
                        row.getBigDecimal("refunded_amount"))));
    List<String> problems = new ArrayList<>();
    Map<String, Integer> statuses = new HashMap<>();
    int paidAfterClose = 0;
    for (Map.Entry<String, Plan> entry : plans.entrySet()) {
      String no = entry.getKey();
      Ours mine = books.get(no);
      Theirs theirs = alipay.get(no);
      statuses.merge(mine.status(), 1, Integer::sum);
      boolean paidHere = List.of("PAID", "PARTIALLY_REFUNDED", "REFUNDED").contains(mine.status());
      boolean paidThere = theirs != null && theirs.paid();
      if (paidHere != paidThere) {
        problems.add(no + " " + entry.getValue() + ": ours " + mine + ", Alipay's " + theirs);
        continue;
      }
      if (mine.status().equals("PENDING")) {
        problems.add(no + " " + entry.getValue() + " still PENDING after its expiry");
      }
      BigDecimal refundedThere = theirs == null ? BigDecimal.ZERO : theirs.refunded();
      if (mine.refunded().compareTo(refundedThere) != 0) {
        problems.add(no + " refunded: ours " + mine.refunded() + ", Alipay's " + refundedThere);
      }
      if (mine.refunded().compareTo(mine.total()) > 0) {
        problems.add(no + " refunded more than paid");
      }
      if (paidHere && Boolean.TRUE.equals(closedBeforePaying.get(no))) {
        paidAfterClose++;
        if (!"PAID_AFTER_CLOSE".equals(mine.attention()) || !mine.status().equals("REFUNDED")) {
          problems.add(no + " paid after its close but " + mine);
        }
      }
    }
    int pendingRefunds =
        ours.sql("SELECT COUNT(*) FROM refunds WHERE status = 'PENDING'")
            .query(Integer.class)
            .single();
    if (pendingRefunds > 0) {
      problems.add(pendingRefunds + " refunds still PENDING");
    }
    List<String> unbalanced =
        ours.sql(
                "SELECT p.out_trade_no FROM payments p WHERE p.refunded_amount <>"
                    + " (SELECT COALESCE(SUM(r.refund_amount), 0) FROM refunds r"
                    + " WHERE r.out_trade_no = p.out_trade_no AND r.status = 'SUCCEEDED')")
            .query(String.class)
            .list();
    unbalanced.forEach(no -> problems.add(no + " refunded_amount is not the sum of its refunds"));
    int sandboxRefunds =
        a.bean(SandboxDatabase.class)
            .jdbc()
            .queryForObject("SELECT COUNT(*) FROM refunds", Integer.class);
    int ourRefunds =
        ours.sql("SELECT COUNT(*) FROM refunds WHERE status = 'SUCCEEDED'")
            .query(Integer.class)
            .single();
    int outside =
        ours.sql("SELECT COUNT(*) FROM refunds WHERE origin = 'CHANNEL'")
            .query(Integer.class)
            .single();
    return new Audit(problems, statuses, sandboxRefunds, ourRefunds, outside, paidAfterClose);
  }

  /** A mismatch with both sides' refunds and the payment's history, to see what happened. */
  private String explain(String problem) {
    String no = problem.split(" ")[0];
    List<String> ourRefunds =
        a.bean(JdbcClient.class)
            .sql(
                "SELECT out_request_no || ' ' || refund_amount || ' ' || status || ' ' || origin"
                    + " FROM refunds WHERE out_trade_no = ? ORDER BY created_at")
            .param(no)
            .query(String.class)
            .list();
    List<String> theirs =
        a.bean(SandboxDatabase.class)
            .jdbc()
            .queryForList(
                "SELECT r.out_request_no || ' ' || r.refund_amount FROM refunds r"
                    + " JOIN trades t ON r.trade_id = t.id WHERE t.out_trade_no = ?",
                String.class,
                no);
    List<String> history =
        a.bean(JdbcClient.class)
            .sql(
                "SELECT operation || ' ' || outcome FROM exchanges WHERE out_trade_no = ?"
                    + " ORDER BY id")
            .param(no)
            .query(String.class)
            .list();
    return problem
        + "\n  plan "
        + plans.get(no)
        + "\n  our refunds "
        + ourRefunds
        + "\n  Alipay's refunds "
        + theirs
        + "\n  history "
        + history;
  }

  private String figures(long workloadMillis, Audit audit) {
    JdbcClient ours = a.bean(JdbcClient.class);
    var sandbox = a.bean(SandboxDatabase.class).jdbc();
    int notifies = sandbox.queryForObject("SELECT COUNT(*) FROM notifies", Integer.class);
    int attempts = sandbox.queryForObject("SELECT COUNT(*) FROM notify_attempts", Integer.class);
    int dropped =
        sandbox.queryForObject("SELECT COUNT(*) FROM notifies WHERE dropped = TRUE", Integer.class);
    int received =
        ours.sql("SELECT COUNT(*) FROM exchanges WHERE operation = 'notify'")
            .query(Integer.class)
            .single();
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
        audit.sandboxRefunds(),
        audit.ourRefunds(),
        audit.outsideRefunds(),
        audit.paidAfterClose(),
        audit.problems().size());
  }
}
