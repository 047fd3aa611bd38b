package io.paygate.alipay.support;

import com.alipay.api.internal.util.AlipaySignature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A minimal gateway.do for testing how answers are read: it returns, per method, a canned response
 * object signed with {@link TestKeys#ALIPAY} exactly as Alipay lays it out. It is a test fixture
 * for the mapping, not a simulator (that is paygate-sandbox).
 */
public final class StubGateway implements AutoCloseable {

  private record Canned(String object, Mode mode) {}

  private enum Mode {
    SIGNED,
    BADLY_SIGNED,
    HANG,
    UNSIGNED
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, Canned> answers = new ConcurrentHashMap<>();
  private final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
  private final CountDownLatch released = new CountDownLatch(1);

  public StubGateway() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/gateway.do", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/gateway.do";
  }

  /** Answers {@code method} with this response object, properly signed. */
  public void answer(String method, String responseObject) {
    answers.put(method, new Canned(responseObject, Mode.SIGNED));
  }

  /** Answers with a signature made by a key that is not Alipay's. */
  public void answerBadlySigned(String method, String responseObject) {
    answers.put(method, new Canned(responseObject, Mode.BADLY_SIGNED));
  }

  /** Answers without any signature, as Alipay does only when it cannot tell the app. */
  public void answerUnsigned(String method, String responseObject) {
    answers.put(method, new Canned(responseObject, Mode.UNSIGNED));
  }

  /** Never answers (until closed): the caller's read timeout must fire. */
  public void hang(String method) {
    answers.put(method, new Canned(null, Mode.HANG));
  }

  /** The parameters of every request, query string and form body merged. */
  public List<Map<String, String>> received() {
    return received;
  }

  public Map<String, String> lastRequest() {
    return received.get(received.size() - 1);
  }

  private void handle(HttpExchange exchange) throws IOException {
    Map<String, String> params = new LinkedHashMap<>();
    parse(exchange.getRequestURI().getRawQuery(), params);
    parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), params);
    received.add(params);
    String method = params.get("method");
    Canned canned = answers.get(method);
    if (canned == null) {
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
      return;
    }
    if (canned.mode() == Mode.HANG) {
      try {
        released.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
      return;
    }
    String key = method.replace('.', '_') + "_response";
    String signMember = "";
    if (canned.mode() != Mode.UNSIGNED) {
      TestKeys signer = canned.mode() == Mode.SIGNED ? TestKeys.ALIPAY : TestKeys.STRANGER;
      try {
        signMember =
            ",\"sign\":\""
                + AlipaySignature.rsaSign(canned.object(), signer.privateKey(), "UTF-8", "RSA2")
                + "\"";
      } catch (Exception e) {
        throw new IOException(e);
      }
    }
    byte[] body =
        ("{\"" + key + "\":" + canned.object() + signMember + "}").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json;charset=utf-8");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static void parse(String encoded, Map<String, String> into) {
    if (encoded == null || encoded.isEmpty()) {
      return;
    }
    for (String pair : encoded.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      into.put(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
