package io.paygate.bench.run;

import io.paygate.core.testkit.Receiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Two builds of the server in one run ({@code -Dbench.before=JAR}): both started side by side on
 * H2, each with its own sandbox, and the same phases driven against one and then the other, round
 * after round, the order swapped each round (before-after, after-before, ...), so the shared
 * machine's noise falls on both. Each round gives a ratio after / before per figure; the table
 * gives each round's and their median. The idle one of the two is not driven (its jobs are off).
 */
final class BeforeAfter {

  /** The phases compared: create + pay form and first paid notify, at one and at 16. */
  private static final List<Integer> LEVELS = List.of(1, 16);

  private final Duration phase;
  private final int notifies;
  private final int rounds;
  private final String key;

  /** scenario → round → [before, after]. */
  private final Map<String, List<Load.Result[]>> rows = new LinkedHashMap<>();

  BeforeAfter(Duration phase, int notifies, int rounds, String key) {
    this.phase = phase;
    this.notifies = notifies;
    this.rounds = rounds;
    this.key = key;
  }

  /** One build under test: its server, its notify capture and the payments paid for it. */
  private record Side(String name, ServerProcess server, Shop shop, Receiver capture) {}

  String run(Path before, Path after) throws Exception {
    try (Receiver beforeCapture = new Receiver();
        Receiver afterCapture = new Receiver();
        ServerProcess beforeServer = start(before, beforeCapture);
        ServerProcess afterServer = start(after, afterCapture)) {
      List<Side> sides =
          List.of(
              new Side("before", beforeServer, new Shop(beforeServer.base, key), beforeCapture),
              new Side("after", afterServer, new Shop(afterServer.base, key), afterCapture));
      for (Side side : sides) {
        System.out.printf(
            "%s: %s, first answer after %d ms%n",
            side.name(), side.server().base, side.server().startMillis);
        PerformanceRun.Sandbox sandbox = PerformanceRun.Sandbox.of(side.shop());
        PerformanceRun.prepare(
            side.shop(),
            side.shop(),
            sandbox,
            side.capture(),
            rounds * notifies * LEVELS.size() + 200);
        PerformanceRun.warmNotifies(side.shop(), side.capture(), 200);
        Load.drive("warm-up", 4, 20_000, Duration.ofSeconds(3), createAndPayForm(side.shop()));
      }
      for (int round = 0; round < rounds; round++) {
        System.out.printf("round %d%n", round + 1);
        List<Side> order = round % 2 == 0 ? sides : List.of(sides.get(1), sides.get(0));
        for (int level : LEVELS) {
          Load.Result[] pair = new Load.Result[2];
          for (Side side : order) {
            pair[sides.indexOf(side)] =
                Load.drive(
                    side.name() + " create + pay form",
                    level,
                    200_000,
                    phase,
                    createAndPayForm(side.shop()));
          }
          record("create + pay form", level, pair);
        }
        for (int level : LEVELS) {
          Load.Result[] pair = new Load.Result[2];
          for (Side side : order) {
            pair[sides.indexOf(side)] =
                PerformanceRun.firstNotifies(
                    side.name() + " first notify (PENDING → PAID)",
                    List.of(side.shop()),
                    side.capture(),
                    level,
                    new CopyOnWriteArrayList<>());
          }
          record("first notify (PENDING → PAID)", level, pair);
        }
      }
    }
    return table(before, after);
  }

  private ServerProcess start(Path jar, Receiver capture) throws Exception {
    return ServerProcess.start(
        jar,
        ServerProcess.freePort(),
        key,
        List.of("--paygate.alipay.notify-url=" + capture.url()));
  }

  private void record(String scenario, int level, Load.Result[] pair) {
    rows.computeIfAbsent(scenario + ", c=" + level, s -> new ArrayList<>()).add(pair);
  }

  private static java.util.concurrent.Callable<Boolean> createAndPayForm(Shop shop) {
    return () -> {
      String no = shop.create();
      return no != null && shop.payPage(no).statusCode() == 200;
    };
  }

  private String table(Path before, Path after) {
    StringBuilder t = new StringBuilder();
    t.append("before: ").append(before).append("\nafter:  ").append(after).append("\n\n");
    t.append(
        "| scenario | ops/s before → after, each round | after/before ops/s, each round |"
            + " median | p50 ms before → after (median) | after/before p50 (median) | errors |\n");
    t.append("|---|---|---|---:|---|---:|---:|\n");
    for (var row : rows.entrySet()) {
      List<Load.Result[]> pairs = row.getValue();
      StringBuilder rates = new StringBuilder();
      StringBuilder ratios = new StringBuilder();
      double[] rateRatio = new double[pairs.size()];
      double[] p50Ratio = new double[pairs.size()];
      double[] p50Before = new double[pairs.size()];
      double[] p50After = new double[pairs.size()];
      int errors = 0;
      for (int i = 0; i < pairs.size(); i++) {
        Load.Result b = pairs.get(i)[0];
        Load.Result a = pairs.get(i)[1];
        rateRatio[i] = a.perSecond() / b.perSecond();
        p50Ratio[i] = a.p50() / b.p50();
        p50Before[i] = b.p50();
        p50After[i] = a.p50();
        errors += a.errors() + b.errors();
        rates
            .append(i == 0 ? "" : ", ")
            .append(String.format("%.0f → %.0f", b.perSecond(), a.perSecond()));
        ratios.append(i == 0 ? "" : ", ").append(String.format("%.2f", rateRatio[i]));
      }
      t.append(
          String.format(
              "| %s | %s | %s | %.2f× | %.2f → %.2f | %.2f× | %d |%n",
              row.getKey(),
              rates,
              ratios,
              median(rateRatio),
              median(p50Before),
              median(p50After),
              median(p50Ratio),
              errors));
    }
    return t.toString();
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  static void write(Path out, String table) throws Exception {
    System.out.println(table);
    Files.writeString(out.resolve("before-after.md"), table);
    System.out.println("written: " + out.resolve("before-after.md"));
  }
}
