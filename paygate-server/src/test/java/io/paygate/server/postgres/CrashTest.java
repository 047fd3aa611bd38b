package io.paygate.server.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.paygate.core.testkit.MutableClock;
import io.paygate.sandbox.database.SandboxDatabase;
import io.paygate.server.recovery.DueChecks;
import io.paygate.server.webhooks.EventType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * An instance killed without warning mid-load: PayGate runs as its own operating-system process
 * (its recovery scheduler on), configured as the sandbox's app, and is killed with SIGKILL while
 * buyers pay and the shop refunds. The sandbox ("Alipay") lives on in this JVM's instance, which
 * shares the database. After the process is started again, Alipay's notify retries and the janitors
 * bring the books back to Alipay's, to the cent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashTest extends ClusterTestSupport {

  private final MutableClock clock = new MutableClock();
  private Instance alipay;
  private Path dataDir;
  private int port;
  private Process process;
  private final List<Process> processes = new ArrayList<>();

  @BeforeAll
  void start() throws IOException {
    createDatabase();
    alipay = startWithSandbox("alipay", clock, List.of());
    dataDir = Files.createTempDirectory("paygate-" + database + "-process-");
    port = freePort();
  }

  @AfterAll
  void stop() {
    if (process != null) {
      process.destroyForcibly();
    }
    processes.forEach(Process::destroyForcibly);
    if (alipay != null) {
      alipay.context().close();
    }
    dropDatabase();
  }

  /**
   * Two instances over one database; one is killed (SIGKILL) while it has in flight a refund, a
   * barcode charge, a close, a cancel, the give-back of money paid after a close and a webhook
   * delivery, every notify dropped and every answer held by "Alipay". The survivor brings each to
   * what Alipay holds from the rows alone, within seconds (the first check, set small here), with
   * no row made by its sweep; then a SIGTERM under load ends within the grace period, the books
   * still Alipay's.
   */
  @Test
  @Order(1)
  void theSurvivorSettlesWhatTheKilledInstanceHadInFlightFromItsRowsAndASigtermEndsInTime()
      throws Exception {
    Map<String, String> fast = new LinkedHashMap<>();
    fast.put("paygate.jobs.first-check", FIRST_CHECK.toSeconds() + "s");
    fast.put("paygate.jobs.heartbeat-interval", "1s");
    fast.put("paygate.jobs.sweep-interval", "2s");
    fast.put("paygate.alipay.read-timeout", "40s");
    fast.put("paygate.webhooks.allow-private-targets", "true");
    fast.put("paygate.webhooks.timeout", "2s");
    fast.put("paygate.webhooks.sweep-interval", "1s");
    int victimPort = freePort();
    int survivorPort = freePort();
    CompletableFuture<Running> starting =
        CompletableFuture.supplyAsync(
            () ->
                unchecked(
                    () ->
                        startProcess(
                            "victim",
                            victimPort,
                            Files.createTempDirectory("paygate-" + database + "-victim-"),
                            fast)));
    Running survivor =
        startProcess(
            "survivor",
            survivorPort,
            Files.createTempDirectory("paygate-" + database + "-survivor-"),
            fast);
    processes.add(survivor.process());
    Running victim = starting.get(2, TimeUnit.MINUTES);
    processes.add(victim.process());
    Instance v = victim.instance();
    JdbcClient ours = alipay.bean(JdbcClient.class);
    JdbcClient alipayBooks = JdbcClient.create(alipay.bean(SandboxDatabase.class).jdbc());
    HeldShop shop = new HeldShop();
    try {
      // Set up on the victim, notifies flowing: a paid payment to refund, a waiting trade to
      // close, a QR trade to cancel, a page payment left open to close, and one the buyer will
      // pay after its close; the shop's webhook endpoint.
      assertThat(
              on(
                      v,
                      () ->
                          api(
                              "POST",
                              "/api/v1/webhook-endpoints",
                              Map.of(
                                  "url",
                                  shop.url(),
                                  "events",
                                  java.util.Arrays.stream(EventType.values())
                                      .map(EventType::wire)
                                      .toList())))
                  .status())
          .isEqualTo(201);
      String r = on(v, () -> createPayment("9.00", "page"));
      on(v, () -> openCashier(r));
      on(alipay, () -> payAsBuyer(r));
      String c = on(v, () -> createPayment("5.00", "page"));
      on(v, () -> openCashier(c));
      // The buyer logs in at the cashier: the order is a trade waiting for payment.
      on(
          alipay,
          () ->
              postJson(
                  "/sandbox/api/buyer/scan",
                  Map.of(
                      "app_id", appId(),
                      "out_trade_no", c,
                      "buyer_logon_id", defaultBuyer().get("logon_id").asString())));
      assertThat(
              alipayBooks
                  .sql("SELECT trade_status FROM trades WHERE out_trade_no = ?")
                  .param(c)
                  .query(String.class)
                  .single())
          .isEqualTo("WAIT_BUYER_PAY");
      String x = on(v, () -> createPayment("6.00", "qr"));
      String w = on(v, () -> createPayment("1.00", "page"));
      String g = on(v, () -> createPayment("7.00", "page"));
      Reply page = on(v, () -> loadPayPage(g));
      String barcode = "付款码 " + UUID.randomUUID();
      String charge =
          "{\"total_amount\":\"3.00\",\"subject\":\""
              + barcode
              + "\",\"product\":\"barcode\",\"auth_code\":\""
              + on(alipay, this::defaultBuyer).get("auth_code").asString()
              + "\"}";
      await("the refunded payment booked paid", () -> status(ours, r).equals("PAID"));

      // The survivor's scheduler is paused (SIGSTOP), so every call below is the victim's.
      freeze(survivor, ours);
      assertThat(on(v, () -> api("POST", "/api/v1/payments/" + g + "/close", null)).status())
          .isEqualTo(200);
      on(
          alipay,
          () ->
              fault(
                  "{\"gateway\":["
                      + held("alipay.trade.refund")
                      + ","
                      + held("alipay.trade.pay")
                      + ","
                      + held("alipay.trade.close")
                      + ","
                      + held("alipay.trade.cancel")
                      + "],\"notify\":[{\"kind\":\"drop\"}]}"));
      on(v, () -> submitPayForm(page));
      on(alipay, () -> payAsBuyer(g));
      // Paid after its close: the victim's check finds it and sends the give-back.
      awaitCount(
          alipayBooks,
          "SELECT COUNT(*) FROM refunds f JOIN trades t ON f.trade_id = t.id"
              + " WHERE t.out_trade_no = ?",
          g);
      shop.hold();
      // Each on its own thread (the common pool may have one on a small machine).
      ExecutorService callers = Executors.newFixedThreadPool(4);
      List<CompletableFuture<Reply>> calls =
          List.of(
              CompletableFuture.supplyAsync(
                  () ->
                      on(
                          v,
                          () ->
                              api(
                                  "POST",
                                  "/api/v1/payments/" + r + "/refunds",
                                  Map.of("refund_amount", "4.00", "out_request_no", "R1"))),
                  callers),
              CompletableFuture.supplyAsync(
                  () -> on(v, () -> post("/api/v1/payments", UUID.randomUUID().toString(), charge)),
                  callers),
              CompletableFuture.supplyAsync(
                  () -> on(v, () -> api("POST", "/api/v1/payments/" + c + "/close", null)),
                  callers),
              CompletableFuture.supplyAsync(
                  () -> on(v, () -> api("POST", "/api/v1/payments/" + x + "/cancel", null)),
                  callers));
      try {
        awaitCount(
            alipayBooks,
            "SELECT COUNT(*) FROM refunds f JOIN trades t ON f.trade_id = t.id"
                + " WHERE t.out_trade_no = ?",
            r);
        awaitCount(
            alipayBooks,
            "SELECT COUNT(*) FROM trades WHERE subject = ? AND trade_status = 'TRADE_SUCCESS'",
            barcode);
        awaitCount(
            alipayBooks,
            "SELECT COUNT(*) FROM trades WHERE out_trade_no = ? AND trade_status = 'TRADE_CLOSED'",
            c);
        awaitCount(
            alipayBooks,
            "SELECT COUNT(*) FROM trades WHERE out_trade_no = ? AND trade_status = 'TRADE_CLOSED'",
            x);
      } catch (AssertionError notSeen) {
        throw new AssertionError(
            notSeen.getMessage()
                + "; the calls: "
                + calls.stream()
                    .map(f -> f.isDone() ? String.valueOf(f.getNow(null)) : "in flight")
                    .toList()
                + "; the database: "
                + ours.sql(
                        "SELECT application_name || ' ' || state || ' ' || COALESCE(wait_event_type,"
                            + " '-') || ' ' || LEFT(query, 80) FROM pg_stat_activity"
                            + " WHERE datname = current_database()")
                    .query(String.class)
                    .list(),
            notSeen);
      }
      // A payment paid (its notify dropped) and synced: the shop is told, and does not reply.
      on(v, () -> openCashier(w));
      on(alipay, () -> payAsBuyer(w));
      assertThat(on(v, () -> api("GET", "/api/v1/payments/" + w + "?sync=true", null)).status())
          .isEqualTo(200);
      String held = shop.firstHeld();

      victim.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      long killed = System.nanoTime();
      // Alipay answers again from now on; its notifies stay dropped: only the rows recover.
      on(alipay, () -> fault("{\"notify\":[{\"kind\":\"drop\"}]}"));
      shop.answer();
      callers.shutdown();
      for (CompletableFuture<Reply> call : calls) {
        assertThat(call.handle((reply, e) -> reply == null).get(1, TimeUnit.MINUTES)).isTrue();
      }
      // What the victim had in flight, as our books stood at the kill.
      assertThat(status(ours, r, "R1")).isEqualTo("PENDING");
      assertThat(status(ours, g, "PAID_AFTER_CLOSE")).isEqualTo("PENDING");
      assertThat(statusBySubject(ours, barcode)).isEqualTo("PENDING");
      assertThat(status(ours, c)).isEqualTo("PENDING");
      assertThat(status(ours, x)).isEqualTo("PENDING");
      assertThat(shop.answered(held)).isFalse();
      signal(survivor.process(), "CONT");

      Map<String, java.util.function.BooleanSupplier> kinds = new LinkedHashMap<>();
      kinds.put("refund", () -> status(ours, r, "R1").equals("SUCCEEDED"));
      kinds.put("barcode payment", () -> statusBySubject(ours, barcode).equals("PAID"));
      kinds.put("close", () -> status(ours, c).equals("CLOSED"));
      kinds.put("cancel", () -> status(ours, x).equals("CLOSED"));
      kinds.put("give-back", () -> status(ours, g, "PAID_AFTER_CLOSE").equals("SUCCEEDED"));
      kinds.put("webhook delivery", () -> shop.answered(held));
      Map<String, Double> settledAfter = new LinkedHashMap<>();
      long deadline = killed + TimeUnit.SECONDS.toNanos(90);
      while (settledAfter.size() < kinds.size() && System.nanoTime() < deadline) {
        kinds.forEach(
            (kind, settled) -> {
              if (!settledAfter.containsKey(kind) && settled.getAsBoolean()) {
                settledAfter.put(kind, (System.nanoTime() - killed) / 1e9);
              }
            });
        TimeUnit.MILLISECONDS.sleep(100);
      }
      System.out.printf(
          "crash: 6 kinds in flight at the kill (refund, barcode, close, cancel, give-back,"
              + " webhook); seconds to settle on the survivor %s%n",
          settledAfter);
      assertThat(settledAfter).as("settled on the survivor").containsOnlyKeys(kinds.keySet());
      String metrics = on(survivor.instance(), () -> prometheus("admin", ADMIN_PASSWORD)).body();
      assertThat(metrics)
          .containsPattern("paygate_recovery_sweep_rows_total\\{item=\"payment\"[^}]*\\} 0\\.0")
          .containsPattern("paygate_recovery_sweep_rows_total\\{item=\"refund\"[^}]*\\} 0\\.0");
      assertThat(
              Files.readString(victim.dataDir().resolve("paygate.log"))
                  + Files.readString(survivor.dataDir().resolve("paygate.log")))
          .doesNotContain("recovery sweep:");
      BooksAudit afterTheKill = new BooksAudit(ours, alipay.bean(SandboxDatabase.class).jdbc());
      assertThat(afterTheKill.problems).as("mismatches after the kill").isEmpty();

      // A SIGTERM under load: refunds in flight (Alipay holding each answer 2 s) finish.
      on(
          alipay,
          () ->
              fault(
                  "{\"gateway\":[{\"kind\":\"timeout\",\"methods\":"
                      + "[\"alipay.trade.refund\"],\"hold_seconds\":2}]}"));
      List<String> paid = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        String no = on(survivor.instance(), () -> createPayment("2.00", "page"));
        on(survivor.instance(), () -> openCashier(no));
        on(alipay, () -> payAsBuyer(no));
        paid.add(no);
      }
      for (String no : paid) {
        await("paid " + no, () -> status(ours, no).equals("PAID"));
      }
      ExecutorService load = Executors.newFixedThreadPool(paid.size());
      List<Future<Reply>> refunds = new ArrayList<>();
      for (String no : paid) {
        refunds.add(
            load.submit(
                () ->
                    on(
                        survivor.instance(),
                        () ->
                            api(
                                "POST",
                                "/api/v1/payments/" + no + "/refunds",
                                Map.of("refund_amount", "1.00")))));
      }
      for (String no : paid) {
        awaitCount(
            alipayBooks,
            "SELECT COUNT(*) FROM refunds f JOIN trades t ON f.trade_id = t.id"
                + " WHERE t.out_trade_no = ?",
            no);
      }
      long terminated = System.nanoTime();
      survivor.process().destroy(); // SIGTERM
      boolean ended = survivor.process().waitFor(60, TimeUnit.SECONDS);
      double shutdownSeconds = (System.nanoTime() - terminated) / 1e9;
      int answered = 0;
      for (Future<Reply> refund : refunds) {
        try {
          answered += refund.get(1, TimeUnit.MINUTES).status() == 201 ? 1 : 0;
        } catch (java.util.concurrent.ExecutionException cut) {
          // not answered: left to its row
        }
      }
      load.shutdownNow();
      System.out.printf(
          "crash: SIGTERM with %d refunds in flight ended in %.1f s; %d answered 201%n",
          paid.size(), shutdownSeconds, answered);
      assertThat(ended).isTrue();
      assertThat(shutdownSeconds).isLessThan(30);
      clearFaults();
      DueChecks janitor = dueChecks(alipay, clock);
      for (int step = 0; step < 3; step++) {
        clock.advance(Duration.ofMinutes(2));
        janitor.run();
      }
      BooksAudit afterTheSigterm = new BooksAudit(ours, alipay.bean(SandboxDatabase.class).jdbc());
      assertThat(afterTheSigterm.problems).as("mismatches after the SIGTERM").isEmpty();
      assertThat(paid)
          .allSatisfy(no -> assertThat(status(ours, no)).isEqualTo("PARTIALLY_REFUNDED"));
    } finally {
      shop.close();
      clearFaults();
      for (Process p : processes) {
        signal(p, "CONT");
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
      processes.clear();
    }
  }

  private static final Duration FIRST_CHECK = Duration.ofSeconds(5);

  /** On a busy shared machine a start can take long; on a quiet one it takes seconds. */
  private static final int START_WITHIN = 240;

  /** Alipay runs the method, then holds its answer longer than the test needs. */
  private static String held(String method) {
    return "{\"kind\":\"timeout\",\"methods\":[\"" + method + "\"],\"hold_seconds\":20}";
  }

  private static String status(JdbcClient ours, String outTradeNo) {
    return ours.sql("SELECT status FROM payments WHERE out_trade_no = ?")
        .param(outTradeNo)
        .query(String.class)
        .single();
  }

  private static String statusBySubject(JdbcClient ours, String subject) {
    return ours.sql("SELECT status FROM payments WHERE subject = ?")
        .param(subject)
        .query(String.class)
        .optional()
        .orElse("NONE");
  }

  private static String status(JdbcClient ours, String outTradeNo, String outRequestNo) {
    return ours.sql("SELECT status FROM refunds WHERE out_trade_no = ? AND out_request_no = ?")
        .params(outTradeNo, outRequestNo)
        .query(String.class)
        .optional()
        .orElse("NONE");
  }

  /**
   * Pauses the process (SIGSTOP) at a moment when none of its database connections is inside a
   * statement or a transaction, so it holds no lock the other instance could wait for.
   */
  private static void freeze(Running running, JdbcClient ours) throws Exception {
    for (int tries = 0; tries < 200; tries++) {
      signal(running.process(), "STOP");
      int busy =
          ours.sql(
                  "SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = ?"
                      + " AND state <> 'idle'")
              .param(running.instance().name())
              .query(Integer.class)
              .single();
      if (busy == 0) {
        return;
      }
      signal(running.process(), "CONT");
      TimeUnit.MILLISECONDS.sleep(20);
    }
    throw new AssertionError("the survivor was never idle");
  }

  private static void signal(Process process, String signal) throws Exception {
    if (process.isAlive()) {
      new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid()))
          .start()
          .waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static void await(String what, java.util.function.BooleanSupplier done)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("never: " + what);
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
  }

  private interface Step<T> {
    T run() throws Exception;
  }

  private static <T> T unchecked(Step<T> step) {
    try {
      return step.run();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The shop's webhook endpoint: answers at once, except while holding, when a delivery waits for
   * {@link #answer} (longer than PayGate's timeout is not needed: the sender is killed first).
   */
  private static final class HeldShop implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicBoolean holding = new AtomicBoolean();
    private final List<String> heldEvents = new CopyOnWriteArrayList<>();
    private final Set<String> answeredEvents = ConcurrentHashMap.newKeySet();

    HeldShop() throws IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/hooks",
          exchange -> {
            exchange.getRequestBody().readAllBytes();
            String event = exchange.getRequestHeaders().getFirst("PayGate-Event-Id");
            if (holding.get()) {
              heldEvents.add(event);
              try {
                release.await(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              exchange.close(); // the sender is gone: no answer
              return;
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            answeredEvents.add(event);
          });
      server.setExecutor(threads);
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    void hold() {
      holding.set(true);
    }

    void answer() {
      holding.set(false);
      release.countDown();
    }

    boolean answered(String event) {
      return answeredEvents.contains(event);
    }

    String firstHeld() throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (heldEvents.isEmpty()) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("no webhook reached the shop");
        }
        TimeUnit.MILLISECONDS.sleep(20);
      }
      return heldEvents.get(0);
    }

    @Override
    public void close() {
      release.countDown();
      server.stop(0);
      threads.shutdownNow();
    }
  }

  @Test
  void afterAKillMinusNineAndARestartTheBooksConvergeOnAlipays() throws Exception {
    Instance killed = startProcess();
    AtomicBoolean dead = new AtomicBoolean();
    AtomicInteger created = new AtomicInteger();
    AtomicInteger failedRequests = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    List<Future<?>> load = new ArrayList<>();
    for (int t = 0; t < 6; t++) {
      Random random = new Random(42 + t);
      load.add(
          pool.submit(
              () -> {
                for (int i = 0; i < 12; i++) {
                  try {
                    String no = on(killed, () -> createPayment(amount(random), "page"));
                    created.incrementAndGet();
                    on(killed, () -> openCashier(no));
                    on(alipay, () -> payAsBuyer(no));
                    if (random.nextBoolean()) {
                      on(
                          killed,
                          () ->
                              api(
                                  "POST",
                                  "/api/v1/payments/" + no + "/refunds",
                                  Map.of("refund_amount", "0.50")));
                    }
                  } catch (RuntimeException | AssertionError refused) {
                    // After the kill, requests to the dead process fail: expected.
                    failedRequests.incrementAndGet();
                    if (dead.get()) {
                      return;
                    }
                  }
                }
              }));
    }
    // Mid-load: once a third of the payments exist, SIGKILL, no shutdown hooks, no goodbye.
    while (created.get() < 24 && load.stream().anyMatch(f -> !f.isDone())) {
      Thread.onSpinWait();
    }
    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    dead.set(true);
    for (Future<?> f : load) {
      f.get(2, TimeUnit.MINUTES);
    }
    pool.shutdownNow();
    int createdBeforeTheKill = created.get();

    // The same instance again, on the same port: notifies for it reach it again.
    startProcess();
    DueChecks janitor = dueChecks(alipay, clock);
    for (int step = 0; step < 38; step++) {
      clock.advance(Duration.ofMinutes(5));
      on(alipay, () -> postJson("/sandbox/api/clock/advance", Map.of("seconds", 300)));
      janitor.run();
    }

    BooksAudit audit =
        new BooksAudit(alipay.bean(JdbcClient.class), alipay.bean(SandboxDatabase.class).jdbc());
    System.out.printf(
        "crash: %d payments created before the kill, %d requests failed around it; after the"
            + " restart %s; mismatches %d%n",
        createdBeforeTheKill, failedRequests.get(), audit.statuses(), audit.problems.size());
    audit.problems.stream().limit(10).forEach(p -> System.out.println(audit.explain(p)));
    assertThat(createdBeforeTheKill).isGreaterThanOrEqualTo(24);
    assertThat(audit.books.values().stream().filter(BooksAudit.Ours::paid).count())
        .isGreaterThan(0);
    assertThat(audit.problems).as("mismatches").isEmpty();
  }

  /**
   * A refund and a barcode charge whose process is killed (SIGKILL) while Alipay's answer is on its
   * way, after Alipay moved the money: the shop's retry with the same Idempotency-Key, on another
   * instance once the dead run's lease has run out, resumes the same refund and the same payment
   * under the numbers the key bound, and Alipay's books show the money moved once.
   */
  @Test
  void aRetryAfterAKillMinusNineMidCallMovesTheMoneyOnce() throws Exception {
    if (process != null) {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    JdbcClient alipayBooks = JdbcClient.create(alipay.bean(SandboxDatabase.class).jdbc());
    try {
      // A refund: the process sends it, Alipay refunds, and its answer is held back.
      Instance first = startProcess();
      String outTradeNo = on(first, () -> createPayment("8.00", "page"));
      on(first, () -> openCashier(outTradeNo));
      on(alipay, () -> payAsBuyer(outTradeNo));
      java.math.BigDecimal beforeRefund = on(alipay, this::buyerBalance);
      holdTheAnswersOf("alipay.trade.refund");
      String refunds = "/api/v1/payments/" + outTradeNo + "/refunds";
      String refundKey = UUID.randomUUID().toString();
      String refund = "{\"refund_amount\":\"3.00\"}";
      CompletableFuture<Reply> lost =
          CompletableFuture.supplyAsync(() -> on(first, () -> post(refunds, refundKey, refund)));
      awaitCount(
          alipayBooks,
          "SELECT COUNT(*) FROM refunds r JOIN trades t ON r.trade_id = t.id"
              + " WHERE t.out_trade_no = ?",
          outTradeNo);
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      assertThat(lost.handle((reply, e) -> reply == null).get(1, TimeUnit.MINUTES)).isTrue();
      clearFaults();

      clock.advance(Duration.ofMinutes(3)); // the dead run's lease runs out
      Reply retried = on(alipay, () -> post(refunds, refundKey, refund));
      assertThat(retried.status()).as(retried.body()).isEqualTo(201);
      String outRequestNo = retried.json().get("out_request_no").asString();
      assertThat(retried.json().get("status").asString()).isEqualTo("SUCCEEDED");
      assertThat(
              alipayBooks
                  .sql(
                      "SELECT r.out_request_no FROM refunds r JOIN trades t"
                          + " ON r.trade_id = t.id WHERE t.out_trade_no = ?")
                  .param(outTradeNo)
                  .query(String.class)
                  .list())
          .containsExactly(outRequestNo);
      assertThat(on(alipay, this::buyerBalance).subtract(beforeRefund))
          .isEqualByComparingTo("3.00");

      // A barcode charge: Alipay charges the buyer, and its answer is held back.
      Instance second = startProcess();
      String subject = "付款码 " + UUID.randomUUID();
      String charge =
          "{\"total_amount\":\"7.77\",\"subject\":\""
              + subject
              + "\",\"product\":\"barcode\",\"auth_code\":\""
              + on(alipay, this::defaultBuyer).get("auth_code").asString()
              + "\"}";
      java.math.BigDecimal beforeCharge = on(alipay, this::buyerBalance);
      holdTheAnswersOf("alipay.trade.pay");
      String chargeKey = UUID.randomUUID().toString();
      CompletableFuture<Reply> lostCharge =
          CompletableFuture.supplyAsync(
              () -> on(second, () -> post("/api/v1/payments", chargeKey, charge)));
      awaitCount(
          alipayBooks,
          "SELECT COUNT(*) FROM trades WHERE subject = ? AND trade_status = 'TRADE_SUCCESS'",
          subject);
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      assertThat(lostCharge.handle((reply, e) -> reply == null).get(1, TimeUnit.MINUTES)).isTrue();
      clearFaults();

      clock.advance(Duration.ofMinutes(3));
      Reply paid = on(alipay, () -> post("/api/v1/payments", chargeKey, charge));
      assertThat(paid.status()).as(paid.body()).isEqualTo(201);
      assertThat(paid.json().get("status").asString()).isEqualTo("PAID");
      assertThat(
              alipayBooks
                  .sql("SELECT out_trade_no FROM trades WHERE subject = ?")
                  .param(subject)
                  .query(String.class)
                  .list())
          .containsExactly(paid.json().get("out_trade_no").asString());
      assertThat(beforeCharge.subtract(on(alipay, this::buyerBalance)))
          .isEqualByComparingTo("7.77");
    } finally {
      clearFaults();
    }
  }

  private Reply post(String path, String key, String body) {
    return send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(base() + path))
            .header("Authorization", "Bearer " + API_KEY)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", key)
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  /** Alipay runs the method, then holds its answer longer than the process waits for it. */
  private void holdTheAnswersOf(String method) {
    on(
        alipay,
        () ->
            fault(
                "{\"gateway\":[{\"kind\":\"timeout\",\"methods\":[\""
                    + method
                    + "\"],\"hold_seconds\":25,\"count\":1}],"
                    + "\"notify\":[{\"kind\":\"drop\",\"count\":5}]}"));
  }

  private void clearFaults() {
    on(alipay, this::clearSandboxFaults);
  }

  /** Until Alipay's books hold the row the query counts (the money has moved). */
  private static void awaitCount(JdbcClient books, String query, String parameter)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (books.sql(query).param(parameter).query(Integer.class).single() > 0) {
        return;
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
    throw new AssertionError("Alipay's books never showed it: " + query);
  }

  private static String amount(Random random) {
    return java.math.BigDecimal.valueOf(100 + random.nextInt(5_000), 2).toPlainString();
  }

  /**
   * Starts PayGate as its own process, from this JVM's class path, configured (through the
   * environment, never the command line) as the sandbox's app; returns once it answers.
   */
  private Instance startProcess() throws IOException, InterruptedException {
    Running running = startProcess("process", port, dataDir, Map.of());
    process = running.process();
    return running.instance();
  }

  /** A PayGate process: the OS process and where it answers. */
  private record Running(Process process, Instance instance, Path dataDir) {}

  /**
   * @param own properties of this process, over the common ones
   */
  private Running startProcess(String name, int port, Path dataDir, Map<String, String> own)
      throws IOException, InterruptedException {
    Map<String, String> properties = new LinkedHashMap<>();
    for (String argument : commonArguments(port, dataDir.toString())) {
      put(properties, argument);
    }
    for (String argument : appArguments(alipay)) {
      put(properties, argument);
    }
    properties.put("paygate.jobs.enabled", "true");
    properties.put("paygate.jobs.poll-interval", "1s");
    properties.put("logging.file.name", dataDir.resolve("paygate.log").toString());
    // Its connections are named after it (see freeze).
    properties.put("spring.datasource.hikari.data-source-properties.ApplicationName", name);
    properties.putAll(own);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
                java,
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                "io.paygate.server.PayGateApplication")
            .redirectErrorStream(true)
            .redirectOutput(dataDir.resolve("console.log").toFile());
    builder
        .environment()
        .put(
            "SPRING_APPLICATION_JSON", JsonMapper.builder().build().writeValueAsString(properties));
    Process started = builder.start();
    Instance instance = new Instance(name, null, port);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_WITHIN);
    while (System.nanoTime() < deadline) {
      if (!started.isAlive()) {
        throw new AssertionError(
            "the process stopped: " + Files.readString(dataDir.resolve("console.log")));
      }
      try {
        if (on(instance, () -> get("/actuator/health")).status() == 200) {
          return new Running(started, instance, dataDir);
        }
      } catch (UncheckedIOException notYet) {
        // still starting
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
    started.destroyForcibly();
    throw new AssertionError("the process did not answer within " + START_WITHIN + " s");
  }

  private static void put(Map<String, String> properties, String argument) {
    int equals = argument.indexOf('=');
    properties.put(argument.substring(2, equals), argument.substring(equals + 1));
  }
}
