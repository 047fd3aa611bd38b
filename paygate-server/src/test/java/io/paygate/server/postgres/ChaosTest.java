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
import java.util.function.Consumer;
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
 * gateway), pay, refund and close a few hundred payments concurrently through both channels — a
 * third of them WeChat Pay's, mixed with Alipay's; some closed and then paid anyway (or tried to
 * be), some refunded at "Alipay's console" or in WeChat Pay's merchant platform — then move both
 * clocks on so retries and the janitor (both instances at once) run, and compare every payment with
 * both offline channels' own books.
 *
 * <p>Bounded: {@code paygate.chaos.payments} payments (default 300, both channels together), a
 * fixed seed ({@code paygate.chaos.seed}), three hours of virtual time in five-minute steps.
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
    List<String> own =
        List.of("--paygate.alipay.read-timeout=1s", "--paygate.wechatpay.read-timeout=1s");
    a = startWithSandbox("a", clock, own);
    List<String> asApp = new ArrayList<>(own);
    asApp.addAll(wechatPayArguments(a));
    b = startAsApp("b", a, clock, asApp);
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
  void everyPaymentAndRefundMatchesBothChannelsToTheCentUnderFaults() throws Exception {
    String calls =
        "[\"alipay.trade.query\",\"alipay.trade.refund\",\"alipay.trade.close\","
            + "\"alipay.trade.fastpay.refund.query\",\"wechatpay.transactions.query\","
            + "\"wechatpay.transactions.close\",\"wechatpay.refunds.create\","
            + "\"wechatpay.refunds.query\"]";
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
    var merchant =
        a.bean(io.paygate.sandbox.wechatpay.merchants.WxMerchants.class).defaultMerchant();
    mchid = merchant.mchid();
    openid = on(a, () -> wechatPayer(merchant.appid())).get("openid").asString();
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
        // The last 40 minutes see both channels well again: longer than the janitor's longest wait
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
    // Each channel's bill, reconciled per channel, leaves nothing unmended: every day is MATCHED.
    assertThat(unmended).as("unmended differences").isEmpty();
    assertThat(reconciliations).allMatch(r -> r.contains("MATCHED") && !r.contains("MISMATCHED"));
  }

  private static final java.time.ZoneId BEIJING = java.time.ZoneId.of("Asia/Shanghai");

  /** WeChat Pay's payments' numbers begin so. */
  private static final String WECHAT_PREFIX = "WXC";

  private final List<String> unmended = new ArrayList<>();

  /** Every Beijing day the run touched, reconciled against its bill once the day is over. */
  private List<String> reconcileEveryDay(java.time.Instant began) {
    java.time.LocalDate first = java.time.LocalDate.ofInstant(began, BEIJING);
    java.time.LocalDate last = java.time.LocalDate.ofInstant(clock.instant(), BEIJING);
    // WeChat Pay publishes a day's bill from 10:00 the next day (Alipay's comes earlier).
    java.time.Instant dayOver = last.plusDays(1).atTime(10, 1).atZone(BEIJING).toInstant();
    Duration wait = Duration.between(clock.instant(), dayOver);
    clock.advance(wait);
    on(a, () -> postJson("/sandbox/api/clock/advance", Map.of("seconds", wait.toSeconds())));
    List<String> results = new ArrayList<>();
    for (java.time.LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
      String billDate = day.toString();
      for (String channel : List.of("alipay", "wechatpay")) {
        Reply reply =
            on(
                a,
                () ->
                    api(
                        "POST",
                        "/api/v1/reconciliations",
                        Map.of("bill_date", billDate, "channel", channel)));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        JsonNode result = reply.json();
        int mended = 0;
        for (JsonNode difference : result.get("differences")) {
          if (difference.get("mended").asBoolean()) {
            mended++;
          } else {
            System.out.println("chaos: unmended at " + channel + " " + difference);
            unmended.add(channel + " " + difference);
          }
        }
        results.add(
            billDate
                + " "
                + channel
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
    }
    return results;
  }

  // -- the workload

  private void play(int n) {
    if (n % 3 == 2) {
      playWechatPay(n);
      return;
    }
    Random random = new Random(SEED + n);
    Instance shop = n % 2 == 0 ? a : b;
    String amount = cents(100 + random.nextInt(20_000));
    Plan plan = plan(random.nextDouble());
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

  /**
   * The same plans through WeChat Pay (Native, now and then JSAPI): its order exists from the
   * create, so a payer who comes after PayGate's close finds it closed at WeChat Pay and cannot
   * pay.
   */
  private void playWechatPay(int n) {
    Random random = new Random(SEED + n);
    Instance shop = n % 2 == 0 ? a : b;
    String amount = cents(100 + random.nextInt(20_000));
    Plan plan = plan(random.nextDouble());
    String no = WECHAT_PREFIX + SEED + "N" + n;
    Map<String, Object> order = new HashMap<>();
    order.put("channel", "wechatpay");
    order.put("total_amount", amount);
    order.put("subject", "混沌 chaos");
    order.put("out_trade_no", no);
    if (random.nextBoolean()) {
      order.put("product", "native");
    } else {
      order.put("product", "jsapi");
      order.put("openid", openid);
    }
    Reply created = on(shop, () -> api("POST", "/api/v1/payments", order));
    if (created.status() != 201 && created.status() != 202) {
      throw new AssertionError("create " + no + ": " + created.status() + " " + created.body());
    }
    plans.put(no, plan);
    switch (plan) {
      case PAID -> {
        Reply paid = on(a, () -> payAtWechat(no));
        if (paid.status() == 200) {
          wechatRefunds(no, shop, new BigDecimal(amount), random);
        }
      }
      case CLOSED_THEN_PAID -> {
        Reply closed = on(shop, () -> api("POST", "/api/v1/payments/" + no + "/close", null));
        closedBeforePaying.put(no, closed.status() == 200);
        on(a, () -> payAtWechat(no));
      }
      case ABANDONED, OPENED_AND_LEFT -> {}
      case OPENED_THEN_CLOSED ->
          on(
              random.nextBoolean() ? a : b,
              () -> api("POST", "/api/v1/payments/" + no + "/close", null));
    }
  }

  private String openid;
  private String mchid;

  private Reply payAtWechat(String no) {
    return wechatPays(mchid, openid, no, null);
  }

  /**
   * Partial refunds through either instance, and now and then one in WeChat Pay's merchant platform
   * (told to the payment's instance by its refund notification).
   */
  private void wechatRefunds(String no, Instance shop, BigDecimal total, Random random) {
    refunds(
        no,
        total,
        random,
        part ->
            postJson(
                "/sandbox/wechatpay/api/refunds",
                Map.of(
                    "mchid",
                    mchid,
                    "out_trade_no",
                    no,
                    "refund",
                    part.movePointRight(2).longValueExact(),
                    "notify_url",
                    shop.base() + "/channels/wechatpay/notify")));
  }

  /** Partial refunds through either instance, and now and then one at Alipay's console. */
  private void refunds(String no, BigDecimal total, String tradeNo, Random random) {
    refunds(
        no,
        total,
        random,
        part ->
            postJson(
                "/sandbox/api/trades/" + tradeNo + "/console-refunds",
                Map.of("refund_amount", part.toPlainString())));
  }

  /**
   * Up to three partial refunds, each through either instance or, now and then, {@code inConsole}
   * (asked of instance a, whose offline channels hold the consoles).
   */
  private void refunds(String no, BigDecimal total, Random random, Consumer<BigDecimal> inConsole) {
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
        on(a, () -> inConsole.accept(part));
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

  /** The plan a roll picks: paid 55%, closed then paid 15%, abandoned 15%, then the rest. */
  private static Plan plan(double roll) {
    return roll < 0.55
        ? Plan.PAID
        : roll < 0.70
            ? Plan.CLOSED_THEN_PAID
            : roll < 0.85
                ? Plan.ABANDONED
                : roll < 0.95 ? Plan.OPENED_THEN_CLOSED : Plan.OPENED_AND_LEFT;
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
            + " made outside PayGate %d); paid after close %d; WeChat Pay: orders %d, paid %d,"
            + " refunds %d, notifications %d (dropped %d); mismatches %d",
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
        audit.wechatpay.size(),
        audit.wechatpay.values().stream().filter(BooksAudit.Theirs::paid).count(),
        audit.countAtAlipay("SELECT COUNT(*) FROM wx_refunds"),
        audit.countAtAlipay("SELECT COUNT(*) FROM wx_notifications"),
        audit.countAtAlipay("SELECT COUNT(*) FROM wx_notifications WHERE dropped = TRUE"),
        audit.problems.size());
  }
}
