package io.paygate.sandbox;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A merchant's notify endpoint for tests: records what arrives, answers scripted replies. */
final class NotifyReceiver implements AutoCloseable {

  private final HttpServer server;
  private final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
  private final List<String> contentTypes = new CopyOnWriteArrayList<>();
  private final List<byte[]> rawBodies = new CopyOnWriteArrayList<>();
  private final Deque<String> replies = new ArrayDeque<>();

  NotifyReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/notify",
        exchange -> {
          byte[] raw = exchange.getRequestBody().readAllBytes();
          rawBodies.add(raw);
          String body = new String(raw, StandardCharsets.UTF_8);
          received.add(parse(body));
          contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
          String reply;
          synchronized (replies) {
            reply = replies.isEmpty() ? "success" : replies.poll();
          }
          byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
  }

  /** The next replies, in order; after them, {@code success}. */
  NotifyReceiver replying(String... next) {
    synchronized (replies) {
      replies.addAll(List.of(next));
    }
    return this;
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/notify";
  }

  List<Map<String, String>> received() {
    return received;
  }

  List<String> contentTypes() {
    return contentTypes;
  }

  /** The bodies as sent, for notifies not in UTF-8. */
  List<byte[]> rawBodies() {
    return rawBodies;
  }

  /** One received body decoded with its own charset. */
  static Map<String, String> parse(byte[] body, java.nio.charset.Charset charset) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : new String(body, StandardCharsets.US_ASCII).split("&")) {
      int eq = pair.indexOf('=');
      params.put(
          URLDecoder.decode(pair.substring(0, eq), charset),
          URLDecoder.decode(pair.substring(eq + 1), charset));
    }
    return params;
  }

  private static Map<String, String> parse(String body) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      params.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return params;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
