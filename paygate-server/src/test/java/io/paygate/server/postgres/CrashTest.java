package io.paygate.server.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.core.testkit.MutableClock;
import io.paygate.sandbox.database.SandboxDatabase;
import io.paygate.server.recovery.DueChecks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
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
class CrashTest extends ClusterTestSupport {

  private final MutableClock clock = new MutableClock();
  private Instance alipay;
  private Path dataDir;
  private int port;
  private Process process;

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
    if (alipay != null) {
      alipay.context().close();
    }
    dropDatabase();
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
    process = builder.start();
    Instance instance = new Instance("process", null, port);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError(
            "the process stopped: " + Files.readString(dataDir.resolve("console.log")));
      }
      try {
        if (on(instance, () -> get("/actuator/health")).status() == 200) {
          return instance;
        }
      } catch (UncheckedIOException notYet) {
        // still starting
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
    throw new AssertionError("the process did not answer within 90 s");
  }

  private static void put(Map<String, String> properties, String argument) {
    int equals = argument.indexOf('=');
    properties.put(argument.substring(2, equals), argument.substring(equals + 1));
  }
}
