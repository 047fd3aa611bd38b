package io.paygate.server.webhooks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** A shop's webhook receiver on a real port: keeps what it was sent, answers as told. */
public final class Receiver implements AutoCloseable {

  public record Received(String eventId, String signature, String body) {}

  private final HttpServer server;
  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private final AtomicInteger answer = new AtomicInteger(200);
  private final AtomicReference<Held> held = new AtomicReference<>();
  private final AtomicReference<Reply> special = new AtomicReference<>();

  /** How the next request is answered, when not by a status. */
  private interface Reply {
    void write(com.sun.net.httpserver.HttpExchange exchange) throws IOException;
  }

  /** A reply trickled a byte a second until released; says whether it is still trickling. */
  public static final class Trickle {
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch started = new CountDownLatch(1);
    private final java.util.concurrent.atomic.AtomicBoolean trickling =
        new java.util.concurrent.atomic.AtomicBoolean();

    /** True while the reply is still being trickled (not released, not hung up on). */
    public boolean stillTrickling() {
      return trickling.get();
    }

    /** Waits until the trickle has begun (its status line sent). */
    public void awaitStarted(Duration patience) {
      try {
        if (!started.await(patience.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new AssertionError("the trickle did not start within " + patience);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }

    public void release() {
      release.countDown();
    }
  }

  /** The next request, kept without an answer until released, then answered with this status. */
  private record Held(CountDownLatch release, int status) {}

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
          Reply reply = special.getAndSet(null);
          if (reply != null) {
            try {
              reply.write(exchange);
            } finally {
              exchange.close();
            }
            return;
          }
          int status = answer.get();
          Held hold = held.getAndSet(null);
          if (hold != null) {
            try {
              hold.release().await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            status = hold.status();
          }
          byte[] text = ("status " + status).getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, text.length);
          exchange.getResponseBody().write(text);
          exchange.close();
        });
    // Requests are answered side by side, so one held back does not hold up the next.
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  public void answer(int status) {
    answer.set(status);
  }

  /**
   * Keeps the next request unanswered until the returned latch is counted down, then answers it
   * with {@code status}; later requests are answered as usual meanwhile.
   */
  public CountDownLatch holdNextThenAnswer(int status) {
    CountDownLatch release = new CountDownLatch(1);
    held.set(new Held(release, status));
    return release;
  }

  /**
   * Answers the next request 200 with a body that never ends (until PayGate hangs up); returns the
   * count of bytes written by then, final once {@code ended} is counted down.
   */
  public AtomicInteger endlessNext(CountDownLatch ended) {
    AtomicInteger written = new AtomicInteger();
    special.set(
        exchange -> {
          exchange.sendResponseHeaders(200, 0);
          byte[] chunk = "x".repeat(4096).getBytes(StandardCharsets.UTF_8);
          try {
            while (true) {
              exchange.getResponseBody().write(chunk);
              written.addAndGet(chunk.length);
            }
          } catch (IOException hungUp) {
            // what PayGate is expected to do
          } finally {
            ended.countDown();
          }
        });
    return written;
  }

  /** Answers the next request 200, then its body a byte a second until released. */
  public Trickle trickleNext() {
    Trickle trickle = new Trickle();
    special.set(
        exchange -> {
          exchange.sendResponseHeaders(200, 0);
          trickle.trickling.set(true);
          trickle.started.countDown();
          try {
            while (!trickle.release.await(1, TimeUnit.SECONDS)) {
              exchange.getResponseBody().write('.');
              exchange.getResponseBody().flush();
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (IOException hungUp) {
            // cut by PayGate's deadline
          } finally {
            trickle.trickling.set(false);
          }
        });
    return trickle;
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
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
