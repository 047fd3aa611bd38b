package io.paygate.bench.run;

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
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The server's jar as its own process on a loopback port, with a throwaway data directory. */
final class ServerProcess implements AutoCloseable {

  private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

  final int port;
  final String base;
  final long startMillis;
  private final Process process;
  private final Path dataDir;

  private ServerProcess(int port, Process process, Path dataDir, long startMillis) {
    this.port = port;
    this.base = "http://127.0.0.1:" + port;
    this.process = process;
    this.dataDir = dataDir;
    this.startMillis = startMillis;
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Starts the server and waits for its first answer; {@link #startMillis} is how long it took. */
  static ServerProcess start(Path jar, int port, String apiKey, List<String> own) throws Exception {
    Path dataDir = Files.createTempDirectory("paygate-bench-");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-jar");
    command.add(jar.toString());
    command.add("--server.port=" + port);
    command.add("--server.address=127.0.0.1");
    command.add("--paygate.public-url=http://127.0.0.1:" + port);
    command.add("--paygate.data-dir=" + dataDir);
    command.add("--paygate.api.bootstrap-key=" + apiKey);
    command.add("--paygate.console.admin-password=bench-" + apiKey);
    command.add("--paygate.jobs.enabled=false");
    command.add("--logging.level.root=WARN");
    command.addAll(own);
    long started = System.nanoTime();
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(dataDir.resolve("server.out").toFile())
            .redirectErrorStream(true)
            .start();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    // A shared machine under other builds can take minutes to start a server.
    long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the server stopped: " + Files.readString(dataDir.resolve("server.out")));
      }
      try {
        HttpResponse<String> answer =
            http.send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/health/liveness"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 200) {
          long millis = (System.nanoTime() - started) / 1_000_000;
          return new ServerProcess(port, process, dataDir, millis);
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(20);
    }
    process.destroy();
    throw new IllegalStateException("the server did not answer within 300 s");
  }

  /**
   * Starts a flight recording of the server ({@code settings=profile}) when {@code
   * -Dbench.jfr=FILE} asks for one, so a profile covers only the phases it is taken around (for
   * {@code jfr print} or JDK Mission Control); {@link #stopRecording} writes it.
   */
  void startRecording() throws IOException, InterruptedException {
    String file = System.getProperty("bench.jfr");
    if (file != null && !file.isBlank()) {
      jcmd("JFR.start", "name=bench", "settings=profile", "filename=" + file);
    }
  }

  void stopRecording() throws IOException, InterruptedException {
    String file = System.getProperty("bench.jfr");
    if (file != null && !file.isBlank()) {
      jcmd("JFR.stop", "name=bench");
      System.out.println("profile written: " + file);
    }
  }

  private String jcmd(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
    command.add(Long.toString(process.pid()));
    command.addAll(List.of(arguments));
    Process jcmd = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(jcmd.getInputStream().readAllBytes());
    jcmd.waitFor();
    return out;
  }

  /** Resident memory of the process, in MB, from /proc (0 where there is none). */
  double rssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", process.pid() + "", "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return 0;
  }

  /** Heap in use, in MB, as the JVM reports it (jcmd GC.heap_info); 0 when it cannot be asked. */
  double heapUsedMb() {
    try {
      Matcher used = HEAP_USED.matcher(jcmd("GC.heap_info"));
      return used.find() ? Long.parseLong(used.group(1)) / 1024.0 : 0;
    } catch (IOException | InterruptedException e) {
      return 0;
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }
}
