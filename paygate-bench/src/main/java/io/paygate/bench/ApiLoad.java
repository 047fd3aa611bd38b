package io.paygate.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP load driver for the merchant API. It starts the server's jar as its own process on a
 * loopback port (embedded sandbox, throwaway data directory), drives each route for a bounded time
 * with a few threads, and reports throughput and latency as ratios against a static file served by
 * the same server in the same run (the cheapest thing it does). Loopback only; every loop stops by
 * itself.
 *
 * <p>{@code ./mvnw -q install -DskipTests && ./mvnw -q -pl paygate-bench exec:exec
 * -Dbench.main=io.paygate.bench.ApiLoad}
 */
public final class ApiLoad {

  private static final Duration PHASE = Duration.ofSeconds(Integer.getInteger("bench.seconds", 10));
  private static final int THREADS = Integer.getInteger("bench.threads", 4);
  private static final int MAX_REQUESTS_PER_PHASE = 200_000;
  private static final Pattern OUT_TRADE_NO = Pattern.compile("\"out_trade_no\":\"([^\"]+)\"");

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String key;

  private ApiLoad(String base, String key) {
    this.base = base;
    this.key = key;
  }

  public static void main(String[] args) throws Exception {
    Path jar = findServerJar();
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path dataDir = Files.createTempDirectory("paygate-bench-");
    String key = "bench-" + UUID.randomUUID();
    Process server =
        new ProcessBuilder(
                "java",
                "-Xmx768m",
                "-jar",
                jar.toString(),
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                "--paygate.public-url=http://127.0.0.1:" + port,
                "--paygate.data-dir=" + dataDir,
                "--paygate.api.bootstrap-key=" + key,
                "--paygate.jobs.enabled=false",
                "--logging.level.root=WARN")
            .redirectOutput(dataDir.resolve("server.out").toFile())
            .redirectErrorStream(true)
            .start();
    try {
      ApiLoad load = new ApiLoad("http://127.0.0.1:" + port, key);
      load.awaitUp();
      load.run();
    } finally {
      server.destroy();
      server.waitFor();
    }
  }

  private void run() throws Exception {
    String pending = outTradeNo(send(create()));
    List<Phase> phases =
        List.of(
            new Phase("baseline GET /paygate.css", () -> get("/paygate.css", false)),
            new Phase("GET /api/v1/payments/{no}", () -> get("/api/v1/payments/" + pending, true)),
            new Phase("POST /api/v1/payments", this::create),
            new Phase("GET /pay/{no} (signed form)", () -> get("/pay/" + pending, false)));
    // Warm the JIT and the pools once before anything is measured.
    for (Phase phase : phases) {
      drive(phase, Duration.ofSeconds(3));
    }
    List<Result> results = new ArrayList<>();
    for (Phase phase : phases) {
      results.add(drive(phase, PHASE));
    }
    Result baseline = results.get(0);
    System.out.printf(
        "%nLoopback, %d threads, %d s a phase; ratios against the baseline of this run:%n",
        THREADS, PHASE.toSeconds());
    for (Result result : results) {
      System.out.printf(
          "  %-32s %8.0f req/s (%.2f of baseline)  p50 %6.2f ms  p99 %6.2f ms  errors %d%n",
          result.name(),
          result.perSecond(),
          result.perSecond() / baseline.perSecond(),
          result.p50Millis(),
          result.p99Millis(),
          result.errors());
    }
  }

  private record Phase(String name, Supplier<HttpRequest> request) {}

  private record Result(
      String name, double perSecond, double p50Millis, double p99Millis, int errors) {}

  private Result drive(Phase phase, Duration length) throws Exception {
    long deadline = System.nanoTime() + length.toNanos();
    AtomicInteger budget = new AtomicInteger(MAX_REQUESTS_PER_PHASE);
    AtomicInteger errors = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    List<Future<long[]>> workers = new ArrayList<>();
    long started = System.nanoTime();
    for (int t = 0; t < THREADS; t++) {
      workers.add(
          pool.submit(
              () -> {
                long[] latencies = new long[MAX_REQUESTS_PER_PHASE];
                int n = 0;
                while (System.nanoTime() < deadline && budget.getAndDecrement() > 0) {
                  long begin = System.nanoTime();
                  HttpResponse<String> response = send(phase.request().get());
                  latencies[n++] = System.nanoTime() - begin;
                  if (response.statusCode() >= 400) {
                    errors.incrementAndGet();
                  }
                }
                return Arrays.copyOf(latencies, n);
              }));
    }
    List<Long> all = new ArrayList<>();
    for (Future<long[]> worker : workers) {
      for (long latency : worker.get()) {
        all.add(latency);
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    pool.shutdown();
    all.sort(Long::compare);
    double p50 = all.isEmpty() ? 0 : all.get(all.size() / 2) / 1e6;
    double p99 = all.isEmpty() ? 0 : all.get((int) (all.size() * 0.99)) / 1e6;
    return new Result(phase.name(), all.size() / seconds, p50, p99, errors.get());
  }

  private HttpRequest create() {
    return HttpRequest.newBuilder(URI.create(base + "/api/v1/payments"))
        .header("Authorization", "Bearer " + key)
        .header("Content-Type", "application/json")
        .POST(
            HttpRequest.BodyPublishers.ofString(
                "{\"total_amount\":\"88.88\",\"subject\":\"压测 load\",\"product\":\"page\"}"))
        .build();
  }

  private HttpRequest get(String path, boolean authenticated) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
    if (authenticated) {
      request.header("Authorization", "Bearer " + key);
    }
    return request.build();
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String outTradeNo(HttpResponse<String> created) {
    Matcher matcher = OUT_TRADE_NO.matcher(created.body());
    if (created.statusCode() != 201 || !matcher.find()) {
      throw new IllegalStateException("cannot create a payment: " + created.body());
    }
    return matcher.group(1);
  }

  private void awaitUp() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (http.send(get("/actuator/health", false), HttpResponse.BodyHandlers.ofString())
                .statusCode()
            == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("the server did not start within 90 s");
  }

  private static Path findServerJar() throws IOException {
    Path target = Path.of("paygate-server", "target");
    try (var files = Files.list(target)) {
      return files
          .filter(p -> p.getFileName().toString().matches("paygate-server-.*\\.jar"))
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalStateException("build the server first: ./mvnw install -DskipTests"));
    }
  }
}
