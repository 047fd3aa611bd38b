package io.paygate.bench.run;

import com.alipay.api.AlipayConfig;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.domain.AlipayTradePagePayModel;
import com.alipay.api.request.AlipayTradePagePayRequest;
import io.paygate.alipay.AlipayChannel;
import io.paygate.alipay.settings.AlipaySettings;
import io.paygate.core.channel.PayOrder;
import io.paygate.core.channel.Product;
import io.paygate.core.channel.TradeLookup;
import io.paygate.core.channel.TradeRef;
import io.paygate.core.exchanges.Exchange;
import io.paygate.core.exchanges.ExchangeLog;
import io.paygate.core.money.Money;
import io.paygate.core.testkit.Receiver;
import io.paygate.server.postgres.EmbeddedPostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One command, one run, one table: PayGate against the physical limit (RSA-2048 as openssl and the
 * JDK do it) and the framework's ceiling (the server's cheapest answer), on H2 and then on
 * PostgreSQL, one instance and two. The server is its own process; the driver is this JVM, on the
 * same machine. Nothing here is a test: figures are compared as ratios within the run.
 *
 * <p>{@code ./mvnw -q install -DskipTests && ./mvnw -q -pl paygate-bench exec:exec
 * -Dbench.main=io.paygate.bench.run.PerformanceRun}
 *
 * <p>{@code -Dbench.before=JAR} compares another build of the server with this one instead (see
 * {@link BeforeAfter}).
 */
public final class PerformanceRun {

  private static final List<Integer> LEVELS = List.of(1, 4, 16, 64);
  private static final Duration PHASE = Duration.ofSeconds(Integer.getInteger("bench.seconds", 4));

  /** Genuine first notifies prepared for each concurrency level. */
  private static final int NOTIFIES = Integer.getInteger("bench.notifies", 400);

  private static final int CORES = Runtime.getRuntime().availableProcessors();

  /** {@code -Dbench.only=notify}: the notify phases on H2 only, e.g. to profile them. */
  private static final boolean NOTIFY_ONLY = "notify".equals(System.getProperty("bench.only"));

  private final List<Load.Result> results = new ArrayList<>();
  private final Map<String, String> facts = new LinkedHashMap<>();
  private final String key = "bench-" + UUID.randomUUID();

  public static void main(String[] args) throws Exception {
    Path out = Path.of("paygate-bench", "target", "performance");
    Files.createDirectories(out);
    String before = System.getProperty("bench.before", "");
    if (!before.isBlank()) {
      // Two builds in one run: the phases issue 18 changed, alternated between them.
      BeforeAfter run =
          new BeforeAfter(
              PHASE, NOTIFIES, Integer.getInteger("bench.rounds", 4), "bench-" + UUID.randomUUID());
      BeforeAfter.write(out, run.run(Path.of(before), findServerJar()));
      return;
    }
    new PerformanceRun().run(findServerJar(), out);
  }

  private void run(Path jar, Path out) throws Exception {
    limits();
    h2(jar);
    if (!NOTIFY_ONLY) {
      jdkProviderServer(jar);
      postgres(jar);
    }
    String table = table();
    System.out.println(table);
    Files.writeString(out.resolve("results.md"), table);
    Map<String, double[]> lines = new LinkedHashMap<>();
    for (Load.Result r : results) {
      if (r.scenario().startsWith("H2 ") && LEVELS.contains(r.concurrency())) {
        lines
                .computeIfAbsent(r.scenario().substring(3), s -> new double[LEVELS.size()])[
                LEVELS.indexOf(r.concurrency())] =
            r.perSecond();
      }
    }
    lines
        .values()
        .removeIf(values -> java.util.Arrays.stream(values).filter(v -> v > 0).count() < 2);
    Chart.write(
        out.resolve("throughput.png"),
        "PayGate on H2, " + CORES + " cores, server and driver on one machine",
        LEVELS,
        lines);
    System.out.println(
        "written: " + out.resolve("results.md") + ", " + out.resolve("throughput.png"));
  }

  // --- the limits ---

  private void limits() throws Exception {
    Optional<Limits.Rates> openssl = Limits.openssl();
    openssl.ifPresent(
        r -> {
          facts.put("openssl rsa2048 sign/s (1 core)", String.format("%.0f", r.signPerSecond()));
          facts.put(
              "openssl rsa2048 verify/s (1 core)", String.format("%.0f", r.verifyPerSecond()));
        });
    Limits.Rates one = Limits.jdk(1, Duration.ofSeconds(3));
    Limits.Rates all = Limits.jdk(CORES, Duration.ofSeconds(3));
    String provider = java.security.Signature.getInstance("SHA256withRSA").getProvider().getName();
    facts.put("signature provider", provider);
    facts.put("JDK sign/s (1 thread)", String.format("%.0f", one.signPerSecond()));
    facts.put("JDK verify/s (1 thread)", String.format("%.0f", one.verifyPerSecond()));
    facts.put("JDK sign/s (" + CORES + " threads)", String.format("%.0f", all.signPerSecond()));
    facts.put("JDK verify/s (" + CORES + " threads)", String.format("%.0f", all.verifyPerSecond()));
    var accp = com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider.INSTANCE;
    if (accp.getLoadingError() == null) {
      // This JVM only: the server chooses for itself (paygate.crypto.native).
      withServersProvider(
          label -> {
            Limits.Rates native1 = Limits.jdk(1, Duration.ofSeconds(3));
            Limits.Rates nativeAll = Limits.jdk(CORES, Duration.ofSeconds(3));
            facts.put("ACCP sign/s (1 thread)", String.format("%.0f", native1.signPerSecond()));
            facts.put("ACCP verify/s (1 thread)", String.format("%.0f", native1.verifyPerSecond()));
            facts.put(
                "ACCP sign/s (" + CORES + " threads)",
                String.format("%.0f", nativeAll.signPerSecond()));
            facts.put(
                "ACCP verify/s (" + CORES + " threads)",
                String.format("%.0f", nativeAll.verifyPerSecond()));
          });
    } else {
      facts.put("ACCP", "not loaded: " + accp.getLoadingError());
    }
  }

  /** The same server with the JDK's provider (paygate.crypto.native=false), at one concurrency. */
  private void jdkProviderServer(Path jar) throws Exception {
    try (Receiver capture = new Receiver();
        ServerProcess server =
            ServerProcess.start(
                jar,
                ServerProcess.freePort(),
                key,
                List.of(
                    "--paygate.alipay.notify-url=" + capture.url(),
                    "--paygate.crypto.native=false"))) {
      Shop shop = new Shop(server.base, key);
      Sandbox sandbox = Sandbox.of(shop);
      results.add(createAndPayForm("H2, JDK provider:", List.of(shop), 16));
      prepare(shop, shop, sandbox, capture, NOTIFIES + 200);
      warmNotifies(shop, capture, 200);
      List<Receiver.Received> applied = new CopyOnWriteArrayList<>();
      results.add(
          firstNotifies("H2, JDK provider: first notify", List.of(shop), capture, 16, applied));
      results.add(duplicateNotifies("H2, JDK provider: duplicate notify", shop, applied, 16));
    }
  }

  // --- H2: every scenario at every level ---

  private void h2(Path jar) throws Exception {
    try (Receiver capture = new Receiver();
        ServerProcess server =
            ServerProcess.start(
                jar,
                ServerProcess.freePort(),
                key,
                List.of("--paygate.alipay.notify-url=" + capture.url()))) {
      facts.put("start-up to first answer, H2 + embedded sandbox (ms)", "" + server.startMillis);
      Shop shop = new Shop(server.base, key);
      Sandbox sandbox = Sandbox.of(shop);
      String pending = shop.create();

      Map<String, java.util.concurrent.Callable<Boolean>> steady = new LinkedHashMap<>();
      steady.put(
          "cheapest: GET /paygate.css", () -> shop.get("/paygate.css", false).statusCode() == 200);
      steady.put(
          "read: GET /api/v1/payments/{no}",
          () -> shop.get("/api/v1/payments/" + pending, true).statusCode() == 200);
      steady.put(
          "create + pay form",
          () -> {
            String no = shop.create();
            return no != null && shop.payPage(no).statusCode() == 200;
          });
      // The in-app products' creates: app signs an order string only; jsapi makes a trade at
      // the sandbox for a signed-in buyer (one sign-in, before the phases).
      steady.put("create app (order string)", shop::createApp);
      String buyerId = shop.buyerId(shop, sandbox.appId, sandbox.buyer);
      if (buyerId == null) {
        throw new IllegalStateException("the sandbox buyer could not be signed in for jsapi");
      }
      steady.put("create jsapi (trade.create)", () -> shop.createJsapi(buyerId));
      for (var scenario : steady.entrySet()) {
        Load.drive("warm-up", 4, 20_000, Duration.ofSeconds(2), scenario.getValue());
      }
      for (int level : NOTIFY_ONLY ? List.<Integer>of() : LEVELS) {
        for (var scenario : steady.entrySet()) {
          results.add(
              Load.drive("H2 " + scenario.getKey(), level, 200_000, PHASE, scenario.getValue()));
        }
      }

      // Genuine notifies: real payments paid at the sandbox, each notify kept as it came.
      prepare(shop, shop, sandbox, capture, NOTIFIES * LEVELS.size() + 200);
      warmNotifies(shop, capture, 200);
      server.startRecording();
      List<Receiver.Received> applied = new CopyOnWriteArrayList<>();
      for (int level : LEVELS) {
        results.add(
            firstNotifies(
                "H2 first notify (PENDING → PAID)", List.of(shop), capture, level, applied));
      }
      for (int level : LEVELS) {
        results.add(duplicateNotifies("H2 duplicate notify", shop, applied, level));
      }
      server.stopRecording();
      AtomicInteger next = new AtomicInteger();
      for (int level : LEVELS) {
        results.add(
            Load.drive(
                "H2 refund (against the sandbox)",
                level,
                200_000,
                PHASE,
                () ->
                    shop.refund(
                        applied
                            .get(Math.floorMod(next.getAndIncrement(), applied.size()))
                            .form()
                            .get("out_trade_no"))));
      }
      facts.put("heap used after the load, H2 (MB)", String.format("%.0f", server.heapUsedMb()));
      facts.put("RSS after the load, H2 (MB)", String.format("%.0f", server.rssMb()));
      // Channels built under the provider, as the server builds them: a key parsed by another
      // provider is translated again on every signature.
      withServersProvider(
          provider -> {
            seedDesign(sandbox, server.base, provider);
            sandboxGateway(
                sandbox, server.base, applied.get(0).form().get("out_trade_no"), provider);
          });
    }
  }

  /** Payments created on {@code shop}, paid at {@code sandbox}'s; their notifies kept. */
  static void prepare(Shop shop, Shop sandboxHost, Sandbox sandbox, Receiver capture, int count)
      throws Exception {
    int before = capture.pending();
    Load.Result made =
        Load.drive(
            "prepare",
            8,
            count,
            Duration.ofMinutes(5),
            () -> {
              String no = shop.create();
              if (no == null) {
                return false;
              }
              String page = shop.payPage(no).body();
              return shop.openCashier(page)
                  && shop.buyerPays(
                      sandboxHost, sandbox.appId, sandbox.buyer, sandbox.password, no);
            });
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (capture.pending() < before + count - made.errors() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    System.out.printf(
        "prepared %d paid payments (%d failed), %d notifies kept%n",
        made.operations() - made.errors(), made.errors(), capture.pending() - before);
  }

  static void warmNotifies(Shop shop, Receiver capture, int count) throws Exception {
    List<Receiver.Received> taken = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Receiver.Received notify = capture.take();
      if (notify == null) {
        break;
      }
      shop.postNotify(notify);
      taken.add(notify);
    }
    Load.drive(
        "warm-up",
        4,
        2000,
        Duration.ofSeconds(2),
        () -> shop.postNotify(taken.get((int) (Math.random() * taken.size()))));
  }

  /** The sandbox's default app and buyer, as its control API lists them. */
  record Sandbox(
      String appId, String privateKey, String alipayPublicKey, String buyer, String password) {
    static Sandbox of(Shop shop) throws Exception {
      String app = shop.get("/sandbox/api/apps", false).body();
      String buyers = shop.get("/sandbox/api/buyers", false).body();
      return new Sandbox(
          Shop.field(app, "app_id"),
          Shop.field(app, "app_private_key"),
          Shop.field(app, "alipay_public_key"),
          Shop.field(buyers, "logon_id"),
          Shop.field(buyers, "pay_password"));
    }
  }

  // --- the seed's design, and the sandbox's own throughput ---

  /**
   * The pay form as the seed made it (a new {@code DefaultAlipayClient} per request, the keys
   * parsed each time) against the channel's (one client, built once, its keys parsed once), both in
   * this JVM with the provider the server signs with by default (the native one, where it loads).
   * Each is run twice, alternately, and its better round kept: the one run second meets a warmer
   * JIT.
   */
  private void seedDesign(Sandbox app, String base, String provider) throws Exception {
    AlipayChannel channel = channel(app, base);
    PayOrder order =
        new PayOrder(
            null,
            "SEED" + UUID.randomUUID().toString().replace("-", "").substring(0, 20),
            Product.PAGE,
            Money.parse("88.88"),
            "压测 load",
            null,
            Instant.now().plus(Duration.ofHours(1)));
    java.util.concurrent.Callable<Boolean> ours = () -> !channel.payForm(order).isEmpty();
    java.util.concurrent.Callable<Boolean> seed =
        () -> {
          AlipayConfig config = new AlipayConfig();
          config.setServerUrl(base + "/sandbox/gateway.do");
          config.setAppId(app.appId());
          config.setPrivateKey(app.privateKey());
          config.setAlipayPublicKey(app.alipayPublicKey());
          config.setFormat("json");
          config.setCharset("UTF-8");
          config.setSignType("RSA2");
          DefaultAlipayClient client = new DefaultAlipayClient(config);
          AlipayTradePagePayRequest request = new AlipayTradePagePayRequest();
          AlipayTradePagePayModel model = new AlipayTradePagePayModel();
          model.setOutTradeNo(order.outTradeNo());
          model.setTotalAmount("88.88");
          model.setSubject("压测 load");
          model.setProductCode("FAST_INSTANT_TRADE_PAY");
          request.setBizModel(model);
          request.setNotifyUrl(base + "/alipay/notify");
          return !client.pageExecute(request, "POST").getBody().isEmpty();
        };
    Load.drive("warm-up", CORES, 100_000, Duration.ofSeconds(2), ours);
    Load.drive("warm-up", CORES, 100_000, Duration.ofSeconds(2), seed);
    List<Load.Result> oursRounds = new ArrayList<>();
    List<Load.Result> seedRounds = new ArrayList<>();
    for (int round = 0; round < 2; round++) {
      oursRounds.add(
          Load.drive(
              "in-process pay form, PayGate's channel" + provider, CORES, 1_000_000, PHASE, ours));
      seedRounds.add(
          Load.drive(
              "in-process pay form, the seed's design" + provider, CORES, 1_000_000, PHASE, seed));
    }
    results.add(best(oursRounds));
    results.add(best(seedRounds));
  }

  private interface ProviderPhase {
    void run(String provider) throws Exception;
  }

  /**
   * Runs a phase in this JVM with the provider the server signs with by default: the native one
   * where it loads (the limits above measure each provider apart and leave the JDK's in place).
   */
  private static void withServersProvider(ProviderPhase phase) throws Exception {
    var accp = com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider.INSTANCE;
    boolean nativeProvider = accp.getLoadingError() == null;
    if (nativeProvider) {
      java.security.Security.insertProviderAt(accp, 1);
    }
    try {
      phase.run(nativeProvider ? " (native provider)" : " (JDK provider)");
    } finally {
      if (nativeProvider) {
        java.security.Security.removeProvider(accp.getName());
      }
    }
  }

  private static Load.Result best(List<Load.Result> rounds) {
    return rounds.stream()
        .max(java.util.Comparator.comparingDouble(Load.Result::perSecond))
        .orElseThrow();
  }

  private void sandboxGateway(Sandbox app, String base, String paidOutTradeNo, String provider)
      throws Exception {
    AlipayChannel channel = channel(app, base);
    java.util.concurrent.Callable<Boolean> query =
        () ->
            channel.queryTrade(TradeRef.byOutTradeNo(paidOutTradeNo)) instanceof TradeLookup.Found;
    Load.drive("warm-up", 16, 100_000, Duration.ofSeconds(2), query);
    results.add(
        Load.drive(
            "sandbox gateway: alipay.trade.query (SDK in this JVM" + provider + ")",
            16,
            1_000_000,
            PHASE,
            query));
  }

  private static AlipayChannel channel(Sandbox app, String base) {
    return new AlipayChannel(
        new AlipaySettings(
            app.appId(),
            app.privateKey(),
            app.alipayPublicKey(),
            null,
            base + "/sandbox/gateway.do",
            base + "/alipay/notify",
            null,
            null,
            Duration.ofSeconds(5),
            Duration.ofSeconds(15)),
        new NoExchanges(),
        Clock.systemUTC());
  }

  private static final class NoExchanges implements ExchangeLog {
    @Override
    public void record(Exchange exchange) {}

    @Override
    public List<Exchange> forPayment(String outTradeNo) {
      return List.of();
    }
  }

  // --- PostgreSQL: one instance, then two over one database ---

  private void postgres(Path jar) throws Exception {
    EmbeddedPostgresServer postgres = EmbeddedPostgresServer.shared();
    facts.put(
        "PostgreSQL single-row INSERT commits/s (16 connections)",
        String.format("%.0f", writeRate(postgres)));
    int level = 16;
    try (Receiver capture = new Receiver()) {
      String database = database(postgres);
      try (ServerProcess one =
          ServerProcess.start(
              jar, ServerProcess.freePort(), key, pgArguments(postgres, database, capture, true))) {
        Shop shop = new Shop(one.base, key);
        Sandbox sandbox = Sandbox.of(shop);
        Load.Result create = createAndPayForm("PG 1 instance", List.of(shop), level);
        prepare(shop, shop, sandbox, capture, NOTIFIES + 200);
        warmNotifies(shop, capture, 200);
        Load.Result notify =
            firstNotifies(
                "PG 1 instance first notify",
                List.of(shop),
                capture,
                level,
                new CopyOnWriteArrayList<>());
        results.add(create);
        results.add(notify);
      }
    }
    try (Receiver capture = new Receiver()) {
      String database = database(postgres);
      try (ServerProcess a =
          ServerProcess.start(
              jar, ServerProcess.freePort(), key, pgArguments(postgres, database, capture, true))) {
        Shop shopA = new Shop(a.base, key);
        Sandbox sandbox = Sandbox.of(shopA);
        List<String> asApp = new ArrayList<>(pgArguments(postgres, database, capture, false));
        String appJson = shopA.get("/sandbox/api/apps", false).body();
        asApp.add("--paygate.alipay.app-id=" + sandbox.appId());
        asApp.add("--paygate.alipay.private-key=" + sandbox.privateKey());
        asApp.add("--paygate.alipay.app-public-key=" + Shop.field(appJson, "app_public_key"));
        asApp.add("--paygate.alipay.alipay-public-key=" + sandbox.alipayPublicKey());
        asApp.add("--paygate.alipay.seller-id=" + Shop.field(appJson, "seller_id"));
        asApp.add("--paygate.alipay.gateway=" + a.base + "/sandbox/gateway.do");
        try (ServerProcess b = ServerProcess.start(jar, ServerProcess.freePort(), key, asApp)) {
          Shop shopB = new Shop(b.base, key);
          List<Shop> both = List.of(shopA, shopB);
          Load.Result create = createAndPayForm("PG 2 instances", both, level);
          prepare(shopB, shopA, sandbox, capture, NOTIFIES + 200);
          warmNotifies(shopA, capture, 100);
          warmNotifies(shopB, capture, 100);
          Load.Result notify =
              firstNotifies(
                  "PG 2 instances first notify",
                  both,
                  capture,
                  level,
                  new CopyOnWriteArrayList<>());
          results.add(create);
          results.add(notify);
        }
      }
    }
  }

  private Load.Result createAndPayForm(String label, List<Shop> shops, int level) throws Exception {
    AtomicLong turn = new AtomicLong();
    java.util.concurrent.Callable<Boolean> op =
        () -> {
          Shop shop = shops.get((int) (turn.getAndIncrement() % shops.size()));
          String no = shop.create();
          return no != null && shop.payPage(no).statusCode() == 200;
        };
    Load.drive("warm-up", 4, 20_000, Duration.ofSeconds(3), op);
    return Load.drive(label + " create + pay form", level, 200_000, PHASE, op);
  }

  /** Each prepared notify posted once, spread over the shops; the applied ones are kept. */
  static Load.Result firstNotifies(
      String scenario,
      List<Shop> shops,
      Receiver capture,
      int level,
      List<Receiver.Received> applied)
      throws Exception {
    AtomicLong turn = new AtomicLong();
    return Load.drive(
        scenario,
        level,
        NOTIFIES,
        Duration.ofSeconds(60),
        () -> {
          Receiver.Received notify = capture.take();
          if (notify == null
              || !shops.get((int) (turn.getAndIncrement() % shops.size())).postNotify(notify)) {
            return false;
          }
          applied.add(notify);
          return true;
        });
  }

  /** Notifies already applied, posted again round robin. */
  private static Load.Result duplicateNotifies(
      String scenario, Shop shop, List<Receiver.Received> applied, int level) throws Exception {
    AtomicInteger next = new AtomicInteger();
    return Load.drive(
        scenario,
        level,
        200_000,
        PHASE,
        () -> shop.postNotify(applied.get(Math.floorMod(next.getAndIncrement(), applied.size()))));
  }

  private static List<String> pgArguments(
      EmbeddedPostgresServer postgres, String database, Receiver capture, boolean sandbox) {
    String url = postgres.jdbcUrl();
    List<String> args = new ArrayList<>();
    args.add("--spring.datasource.url=" + url.substring(0, url.lastIndexOf('/') + 1) + database);
    args.add("--spring.datasource.username=" + postgres.username());
    args.add("--spring.datasource.password=" + postgres.password());
    args.add("--paygate.alipay.notify-url=" + capture.url());
    args.add("--paygate.sandbox.enabled=" + sandbox);
    return args;
  }

  private static String database(EmbeddedPostgresServer postgres) throws Exception {
    String name = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    try (Connection c =
            DriverManager.getConnection(
                postgres.jdbcUrl(), postgres.username(), postgres.password());
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return name;
  }

  /** PostgreSQL's own rate of small committed writes here: the floor under every state change. */
  private static double writeRate(EmbeddedPostgresServer postgres) throws Exception {
    String database = database(postgres);
    String url = postgres.jdbcUrl();
    String jdbc = url.substring(0, url.lastIndexOf('/') + 1) + database;
    try (Connection c =
            DriverManager.getConnection(jdbc, postgres.username(), postgres.password());
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE writes (id BIGSERIAL PRIMARY KEY, payload VARCHAR(200))");
    }
    ConcurrentLinkedQueue<Connection> connections = new ConcurrentLinkedQueue<>();
    for (int i = 0; i < 16; i++) {
      connections.add(DriverManager.getConnection(jdbc, postgres.username(), postgres.password()));
    }
    ThreadLocal<Connection> mine = ThreadLocal.withInitial(connections::poll);
    Load.Result result =
        Load.drive(
            "postgres insert",
            16,
            10_000_000,
            Duration.ofSeconds(3),
            () -> {
              try (PreparedStatement insert =
                  mine.get().prepareStatement("INSERT INTO writes (payload) VALUES (?)")) {
                insert.setString(1, "payment P2026120300000000000000 PAID 88.88");
                return insert.executeUpdate() == 1;
              }
            });
    return result.perSecond();
  }

  // --- the table ---

  private String table() {
    StringBuilder t = new StringBuilder();
    double cheapestPeak =
        results.stream()
            .filter(r -> r.scenario().equals("H2 cheapest: GET /paygate.css"))
            .mapToDouble(Load.Result::perSecond)
            .max()
            .orElse(1);
    t.append("| scenario | concurrency | ops/s | × cheapest (peak) | p50 ms | p99 ms | errors |\n");
    t.append("|---|---:|---:|---:|---:|---:|---:|\n");
    for (Load.Result r : results) {
      t.append(
          String.format(
              "| %s | %d | %.0f | %.2f | %.2f | %.2f | %d |%n",
              r.scenario(),
              r.concurrency(),
              r.perSecond(),
              r.perSecond() / cheapestPeak,
              r.p50(),
              r.p99(),
              r.errors()));
    }
    t.append("\n| measured in the same run | value |\n|---|---:|\n");
    facts.forEach(
        (name, value) -> t.append("| ").append(name).append(" | ").append(value).append(" |\n"));
    return t.toString();
  }

  private static Path findServerJar() throws IOException {
    Path target = Path.of("paygate-server", "target");
    try (var files = Files.list(target)) {
      return files
          .filter(
              p -> p.getFileName().toString().matches("paygate-server-[0-9.]+(-SNAPSHOT)?\\.jar"))
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalStateException("build the server first: ./mvnw install -DskipTests"));
    }
  }
}
