package io.paygate.server.webhooks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A shop's webhook receiver on a real port: keeps what it was sent, answers as told. */
public final class Receiver implements AutoCloseable {

  public record Received(String eventId, String signature, String body) {}

  private final HttpServer server;
  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private final AtomicInteger answer = new AtomicInteger(200);

  public Receiver() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/hook",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          received.add(
              new Received(
                  exchange.getRequestHeaders().getFirst("PayGate-Event-Id"),
                  exchange.getRequestHeaders().getFirst("PayGate-Signature"),
                  body));
          byte[] reply = ("status " + answer.get()).getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(answer.get(), reply.length);
          exchange.getResponseBody().write(reply);
          exchange.close();
        });
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  public void answer(int status) {
    answer.set(status);
  }

  /** The next request, waiting for it to arrive (delivery is asynchronous), or fails. */
  public Received next(Duration patience) {
    try {
      Received next = received.poll(patience.toMillis(), TimeUnit.MILLISECONDS);
      if (next == null) {
        throw new AssertionError("no webhook arrived within " + patience);
      }
      return next;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Whatever arrived meanwhile, without waiting. */
  public int pending() {
    return received.size();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
