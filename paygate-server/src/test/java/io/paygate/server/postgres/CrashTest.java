package io.paygate.server.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.core.testkit.MutableClock;
import io.paygate.core.testkit.Receiver;
import io.paygate.sandbox.database.SandboxDatabase;
import io.paygate.server.recovery.DueChecks;
import io.paygate.server.webhooks.EventType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
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
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * PayGate instances killed without warning: two PayGate operating-system processes (their recovery
 * schedulers on) over one PostgreSQL database, configured as the sandbox's app; the sandbox
 * ("Alipay") lives in this JVM's instance, which shares the database and whose clock the test
 * turns. Both processes are started once, side by side, for the whole class (each start costs about
 * ten seconds of CPU on a small machine), with flags that make a start cheap.
 *
 * <p>What the class proves:
 *
 * <ol>
 *   <li>One instance (the victim) is killed with SIGKILL while it has in flight, with every notify
 *       dropped and every answer held by Alipay: a refund, a barcode payment, a close, a cancel,
 *       the give-back of money paid after a close and a webhook delivery, plus a load of refunds
 *       (one per payment paid earlier) and payment creations cut at whatever point the kill finds
 *       them (those stay open, unpaid on both sides). At the kill each item is pending in our books
 *       and the shop has not heard the webhook.
 *   <li>The survivor (paused with SIGSTOP while the victim's calls were made, so they are all the
 *       victim's) brings every one of them to what Alipay holds from the recovery rows alone,
 *       within seconds of the kill (the first check, set small), with no row made by its sweep (the
 *       sweep's metric 0, no sweep log line on either instance); the shop's webhook is delivered.
 *       Then the books equal Alipay's to the cent, every payment of the database (the convergence
 *       after a kill mid-load that a restart used to show, now shown by the survivor).
 *   <li>A refund and a barcode charge sent with an Idempotency-Key, whose process was killed after
 *       Alipay moved the money: the shop's retry with the same key, on another instance once the
 *       dead run's lease has run out, resumes the same refund and the same payment under the
 *       numbers the key bound, and Alipay's books show the money moved once.
 *   <li>A SIGTERM to the survivor with refunds in flight (Alipay holding each answer) ends within a
 *       platform's grace period (under 30 s), and the books are still Alipay's after the janitor.
 * </ol>
 */
// Own database, processes and clock, and most of its time spent waiting on its processes: it runs
// beside the other classes (junit-platform.properties); its own tests one after the other, in
// order.
@Execution(ExecutionMode.CONCURRENT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashTest extends ClusterTestSupport {

  private final MutableClock clock = new MutableClock();
  private Instance alipay;
  private Running victim;
  private Running survivor;
  private final List<Process> processes = new ArrayList<>();
  private JdbcClient ours;
  private JdbcClient alipayBooks;
  private Receiver shop;
  private final CpuUse cpu = new CpuUse();

  @BeforeAll
  void start() throws Exception {
    createDatabase();
    alipay = startWithSandbox("alipay", clock, List.of());
    Map<String, String> fast = new LinkedHashMap<>();
    fast.put("paygate.jobs.first-check", FIRST_CHECK.toSeconds() + "s");
    fast.put("paygate.jobs.poll-interval", "500ms");
    fast.put("paygate.jobs.heartbeat-interval", "500ms");
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
    survivor =
        startProcess(
            "survivor",
            survivorPort,
            Files.createTempDirectory("paygate-" + database + "-survivor-"),
            fast);
    processes.add(survivor.process());
    victim = starting.get(START_WITHIN + 10, TimeUnit.SECONDS);
    processes.add(victim.process());
    ours = alipay.bean(JdbcClient.class);
    alipayBooks = JdbcClient.create(alipay.bean(SandboxDatabase.class).jdbc());
    shop = new Receiver();
    cpu.report("start-up (the sandbox's instance in this JVM, two processes)");
  }

  @AfterAll
  void stop() throws Exception {
    if (shop != null) {
      shop.close();
    }
    for (Process p : processes) {
      signal(p, "CONT");
      p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    if (alipay != null) {
      alipay.context().close();
    }
    dropDatabase();
  }

  /**
   * Proofs 1 to 3 of the class: the kill with every kind in flight, the survivor settling each from
   * its row within seconds with no sweep row, the books Alipay's, and the shop's retries with the
   * same Idempotency-Key moving the money once.
   */
  @Test
  @Execution(ExecutionMode.SAME_THREAD)
  @Order(1)
  void theSurvivorSettlesWhatTheKilledInstanceHadInFlightFromItsRows() throws Exception {
    Instance v = victim.instance();
    try {
      // Set up on the victim, notifies flowing: a paid payment to refund, a waiting trade to
      // close, a QR trade to cancel, a page payment left open to close, and one the buyer will
      // pay after its close; payments for the load's refunds and the keyed refund; the shop's
      // webhook endpoint.
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
      String k = on(v, () -> createPayment("8.00", "page"));
      on(v, () -> openCashier(k));
      on(alipay, () -> payAsBuyer(k));
      List<String> loaded = new ArrayList<>();
      for (int i = 0; i < LOAD; i++) {
        String no = on(v, () -> createPayment("2.50", "page"));
        on(v, () -> openCashier(no));
        on(alipay, () -> payAsBuyer(no));
        loaded.add(no);
      }
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
      String authCode = on(alipay, this::defaultBuyer).get("auth_code").asString();
      String barcode = "付款码 " + UUID.randomUUID();
      String charge = barcodeCharge("3.00", barcode, authCode);
      String keyedBarcode = "付款码 " + UUID.randomUUID();
      String keyedCharge = barcodeCharge("7.77", keyedBarcode, authCode);
      String chargeKey = UUID.randomUUID().toString();
      String keyedRefunds = "/api/v1/payments/" + k + "/refunds";
      String refundKey = UUID.randomUUID().toString();
      String keyedRefund = "{\"refund_amount\":\"3.00\"}";
      await("the refunded payment booked paid", () -> status(ours, r).equals("PAID"));
      await("the keyed refund's payment booked paid", () -> status(ours, k).equals("PAID"));
      for (String no : loaded) {
        await("paid " + no, () -> status(ours, no).equals("PAID"));
      }

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
      // The shop will not answer the webhook that tells it w was paid (the sender dies first).
      shop.holdNextThenAnswer(
          204, delivery -> delivery.body().contains(w) && delivery.body().contains("succeeded"));
      // Each on its own thread (the common pool may have one on a small machine).
      ExecutorService callers = Executors.newFixedThreadPool(6 + LOAD + 1);
      List<CompletableFuture<Reply>> calls = new ArrayList<>();
      calls.add(call(v, () -> refundPayment(r, "4.00", "R1"), callers));
      calls.add(
          call(v, () -> post("/api/v1/payments", UUID.randomUUID().toString(), charge), callers));
      calls.add(call(v, () -> api("POST", "/api/v1/payments/" + c + "/close", null), callers));
      calls.add(call(v, () -> api("POST", "/api/v1/payments/" + x + "/cancel", null), callers));
      calls.add(call(v, () -> post(keyedRefunds, refundKey, keyedRefund), callers));
      calls.add(call(v, () -> post("/api/v1/payments", chargeKey, keyedCharge), callers));
      for (String no : loaded) {
        calls.add(call(v, () -> refundPayment(no, "0.50", "L1"), callers));
      }
      // Payments created on the victim until the kill, cut wherever it finds them.
      AtomicBoolean dead = new AtomicBoolean();
      AtomicInteger created = new AtomicInteger();
      Future<?> creating =
          callers.submit(
              () -> {
                while (!dead.get()) {
                  try {
                    on(v, () -> createPayment(CREATED_UNDER_LOAD, "page"));
                    created.incrementAndGet();
                  } catch (RuntimeException | AssertionError cut) {
                    // the kill
                  }
                }
              });
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
        awaitCount(
            alipayBooks,
            "SELECT COUNT(*) FROM refunds f JOIN trades t ON f.trade_id = t.id"
                + " WHERE t.out_trade_no = ?",
            k);
        awaitCount(
            alipayBooks,
            "SELECT COUNT(*) FROM trades WHERE subject = ? AND trade_status = 'TRADE_SUCCESS'",
            keyedBarcode);
        for (String no : loaded) {
          awaitCount(
              alipayBooks,
              "SELECT COUNT(*) FROM refunds f JOIN trades t ON f.trade_id = t.id"
                  + " WHERE t.out_trade_no = ?",
              no);
        }
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
      List<Receiver.Received> deliveries = new ArrayList<>();
      String held = firstHeld(deliveries, w);
      await("payments being created under load", () -> created.get() >= 3);

      cpu.child("the victim, until its kill", victim.process());
      victim.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      long killed = System.nanoTime();
      dead.set(true);
      // Alipay answers again from now on; its notifies stay dropped: only the rows recover.
      on(alipay, () -> fault("{\"notify\":[{\"kind\":\"drop\"}]}"));
      creating.get(1, TimeUnit.MINUTES);
      callers.shutdown();
      for (CompletableFuture<Reply> call : calls) {
        assertThat(call.handle((reply, e) -> reply == null).get(1, TimeUnit.MINUTES)).isTrue();
      }
      int inFlight = calls.size() + 1; // and the webhook delivery
      // What the victim had in flight, as our books stood at the kill.
      assertThat(status(ours, r, "R1")).isEqualTo("PENDING");
      assertThat(status(ours, g, "PAID_AFTER_CLOSE")).isEqualTo("PENDING");
      assertThat(statusBySubject(ours, barcode)).isEqualTo("PENDING");
      assertThat(status(ours, c)).isEqualTo("PENDING");
      assertThat(status(ours, x)).isEqualTo("PENDING");
      assertThat(loaded).allSatisfy(no -> assertThat(status(ours, no, "L1")).isEqualTo("PENDING"));
      assertThat(
              ours.sql("SELECT status FROM refunds WHERE out_trade_no = ?")
                  .param(k)
                  .query(String.class)
                  .list())
          .containsExactly("PENDING");
      assertThat(statusBySubject(ours, keyedBarcode)).isEqualTo("PENDING");
      assertThat(answered(deliveries, held)).isFalse();

      // The shop retries the keyed refund and charge on another instance (the sandbox's, whose
      // clock the test turns) once the dead run's lease has run out; the survivor still sleeps.
      clock.advance(Duration.ofMinutes(3));
      Reply retried = on(alipay, () -> post(keyedRefunds, refundKey, keyedRefund));
      assertThat(retried.status()).as(retried.body()).isEqualTo(201);
      String outRequestNo = retried.json().get("out_request_no").asString();
      assertThat(retried.json().get("status").asString()).isEqualTo("SUCCEEDED");
      assertThat(
              alipayBooks
                  .sql(
                      "SELECT f.out_request_no FROM refunds f JOIN trades t"
                          + " ON f.trade_id = t.id WHERE t.out_trade_no = ?")
                  .param(k)
                  .query(String.class)
                  .list())
          .containsExactly(outRequestNo);
      assertThat(
              alipayBooks
                  .sql("SELECT refunded_amount FROM trades WHERE out_trade_no = ?")
                  .param(k)
                  .query(java.math.BigDecimal.class)
                  .single())
          .isEqualByComparingTo("3.00");
      Reply paid = on(alipay, () -> post("/api/v1/payments", chargeKey, keyedCharge));
      assertThat(paid.status()).as(paid.body()).isEqualTo(201);
      assertThat(paid.json().get("status").asString()).isEqualTo("PAID");
      assertThat(
              alipayBooks
                  .sql("SELECT out_trade_no FROM trades WHERE subject = ?")
                  .param(keyedBarcode)
                  .query(String.class)
                  .list())
          .containsExactly(paid.json().get("out_trade_no").asString());
      assertThat(
              alipayBooks
                  .sql("SELECT total_amount FROM trades WHERE subject = ?")
                  .param(keyedBarcode)
                  .query(java.math.BigDecimal.class)
                  .single())
          .isEqualByComparingTo("7.77");

      signal(survivor.process(), "CONT");
      Map<String, java.util.function.BooleanSupplier> kinds = new LinkedHashMap<>();
      kinds.put("refund", () -> status(ours, r, "R1").equals("SUCCEEDED"));
      kinds.put("barcode payment", () -> statusBySubject(ours, barcode).equals("PAID"));
      kinds.put("close", () -> status(ours, c).equals("CLOSED"));
      kinds.put("cancel", () -> status(ours, x).equals("CLOSED"));
      kinds.put("give-back", () -> status(ours, g, "PAID_AFTER_CLOSE").equals("SUCCEEDED"));
      kinds.put("webhook delivery", () -> answered(deliveries, held));
      kinds.put(
          LOAD + " refunds under load",
          () -> loaded.stream().allMatch(no -> status(ours, no, "L1").equals("SUCCEEDED")));
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
          "crash: %d items in flight at the kill (refund, barcode, close, cancel, give-back,"
              + " webhook, %d refunds under load, a keyed refund and charge the shop retried),"
              + " %d payments created under load; seconds to settle on the survivor %s%n",
          inFlight, LOAD, created.get(), settledAfter);
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
      afterTheKill.problems.stream()
          .limit(10)
          .forEach(p -> System.out.println(afterTheKill.explain(p)));
      assertThat(mismatches(afterTheKill)).as("mismatches after the kill").isEmpty();
      assertThat(afterTheKill.books.values().stream().filter(BooksAudit.Ours::paid).count())
          .isGreaterThanOrEqualTo(LOAD + 5);
    } finally {
      clearFaults();
      signal(survivor.process(), "CONT");
      cpu.report("the kill");
    }
  }

  /** Proof 4 of the class: a SIGTERM under load ends within the grace period, the books kept. */
  @Test
  @Execution(ExecutionMode.SAME_THREAD)
  @Order(2)
  void aSigtermUnderLoadEndsWithinTheGracePeriodWithTheSameBooks() throws Exception {
    try {
      // Refunds in flight (Alipay holding each answer 2 s) when the SIGTERM comes.
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
      cpu.child("the survivor, until its SIGTERM", survivor.process());
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
      assertThat(mismatches(afterTheSigterm)).as("mismatches after the SIGTERM").isEmpty();
      assertThat(paid)
          .allSatisfy(no -> assertThat(status(ours, no)).isEqualTo("PARTIALLY_REFUNDED"));
    } finally {
      clearFaults();
      cpu.report("the SIGTERM");
    }
  }

  private static final Duration FIRST_CHECK = Duration.ofSeconds(5);

  /** Refunds of the load in flight at the kill, each on its own payment. */
  private static final int LOAD = 4;

  /** The amount of the payments created under load (and of no other payment here). */
  private static final String CREATED_UNDER_LOAD = "1.50";

  /** On a busy shared machine a start can take long; on a quiet one it takes seconds. */
  private static final int START_WITHIN = 240;

  /** Alipay runs the method, then holds its answer longer than the test needs. */
  private static String held(String method) {
    return "{\"kind\":\"timeout\",\"methods\":[\"" + method + "\"],\"hold_seconds\":20}";
  }

  /**
   * The audit's problems, less the payments the load created and no buyer paid: open within their
   * expiry, rightly PENDING here and unpaid at Alipay (the audit takes every open one as expired).
   */
  private List<String> mismatches(BooksAudit audit) {
    List<String> open =
        ours.sql("SELECT out_trade_no FROM payments WHERE total_amount = ? AND status = 'PENDING'")
            .param(new java.math.BigDecimal(CREATED_UNDER_LOAD))
            .query(String.class)
            .list();
    return audit.problems.stream()
        .filter(
            p -> open.stream().noneMatch(no -> p.equals(no + " still PENDING after its expiry")))
        .toList();
  }

  private static String barcodeCharge(String amount, String subject, String authCode) {
    return "{\"total_amount\":\""
        + amount
        + "\",\"subject\":\""
        + subject
        + "\",\"product\":\"barcode\",\"auth_code\":\""
        + authCode
        + "\"}";
  }

  private CompletableFuture<Reply> call(
      Instance instance, java.util.function.Supplier<Reply> request, ExecutorService threads) {
    return CompletableFuture.supplyAsync(() -> on(instance, request), threads);
  }

  /**
   * The event id of the held webhook telling the shop that {@code outTradeNo} was paid; every
   * delivery that came meanwhile is kept in {@code deliveries}.
   */
  private String firstHeld(List<Receiver.Received> deliveries, String outTradeNo) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      Receiver.Received delivery = shop.next(Duration.ofSeconds(20));
      deliveries.add(delivery);
      if (delivery.body().contains(outTradeNo) && delivery.body().contains("succeeded")) {
        return delivery.eventId();
      }
    }
    throw new AssertionError("no webhook for " + outTradeNo + " reached the shop");
  }

  /** Whether the event reached the shop again after the held delivery, and was answered. */
  private boolean answered(List<Receiver.Received> deliveries, String event) {
    for (Receiver.Received next = shop.take(); next != null; next = shop.take()) {
      deliveries.add(next);
    }
    return deliveries.stream().filter(d -> event.equals(d.eventId())).count() > 1;
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

  private Reply post(String path, String key, String body) {
    return send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(base() + path))
            .header("Authorization", "Bearer " + API_KEY)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", key)
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
            .build());
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

  /**
   * The CPU this JVM and the PayGate processes used, printed per phase (the suite is CPU-bound).
   */
  private static final class CpuUse {
    private final java.lang.management.OperatingSystemMXBean os =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    private long lastOwn = own();
    private double children;

    private long own() {
      return os instanceof com.sun.management.OperatingSystemMXBean sun
          ? sun.getProcessCpuTime()
          : 0;
    }

    /** Counts a process's CPU so far (taken before it is killed). */
    void child(String what, Process process) {
      double seconds =
          process.info().totalCpuDuration().map(d -> d.toMillis() / 1e3).orElse(Double.NaN);
      children += seconds;
      System.out.printf("crash: cpu %s %.1f s%n", what, seconds);
    }

    void report(String phase) {
      long now = own();
      System.out.printf(
          "crash: cpu %s: this JVM %.1f s, processes counted so far %.1f s%n",
          phase, (now - lastOwn) / 1e9, children);
      lastOwn = now;
    }
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
                // A test's process lives for a minute: the first JIT tier only, the JDK's default
                // class-data archive, the serial collector and a small heap make its start cheap.
                "-XX:TieredStopAtLevel=1",
                "-Xshare:auto",
                "-XX:+UseSerialGC",
                "-Xms64m",
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
