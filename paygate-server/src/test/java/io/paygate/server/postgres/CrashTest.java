package io.paygate.server.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.sandbox.support.SandboxDatabase;
import io.paygate.server.MutableClock;
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
