package io.paygate.bench.run;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;

/**
 * Where the sandbox sends its notifies during the preparation: each genuine, signed notify is kept
 * as it arrived (to be posted to PayGate by the load), and acknowledged, so the sandbox does not
 * send it again.
 */
final class NotifyCapture implements AutoCloseable {

  /** One notify as sent: its raw form body and content type. */
  record Captured(String outTradeNo, String body, String contentType) {}

  private final HttpServer server;
  private final java.util.concurrent.ExecutorService threads = Executors.newFixedThreadPool(4);
  private final ConcurrentLinkedQueue<Captured> received = new ConcurrentLinkedQueue<>();

  NotifyCapture() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
    server.createContext(
        "/notify",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          received.add(
              new Captured(
                  field(body, "out_trade_no"),
                  body,
                  exchange.getRequestHeaders().getFirst("Content-Type")));
          byte[] reply = "success".getBytes(StandardCharsets.US_ASCII);
          exchange.sendResponseHeaders(200, reply.length);
          exchange.getResponseBody().write(reply);
          exchange.close();
        });
    server.setExecutor(threads);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/notify";
  }

  /** The next notify kept, or null. */
  Captured take() {
    return received.poll();
  }

  int size() {
    return received.size();
  }

  private static String field(String form, String name) {
    for (String pair : form.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  @Override
  public void close() {
    server.stop(0);
    // Its threads are not daemons: left running, they would keep the run's JVM alive at its end.
    threads.shutdown();
  }
}
