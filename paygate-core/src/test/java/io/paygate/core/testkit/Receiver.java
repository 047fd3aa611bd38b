package io.paygate.core.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * A shop's endpoint on a real port, for whatever posts to a shop: Alipay's (the sandbox's) notifies
 * to a notify_url, PayGate's webhooks to an endpoint. It keeps every request as it arrived and
 * answers {@code 200 success} unless told otherwise (a status, scripted bodies, a held, endless or
 * trickled reply).
 */
public final class Receiver implements AutoCloseable {

  /** One request as it arrived. */
  public record Received(String path, Map<String, String> headers, byte[] raw) {

    public Received {
      Map<String, String> caseless = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      caseless.putAll(headers);
      headers = Collections.unmodifiableMap(caseless);
    }

    /** The body as UTF-8 text. */
    public String body() {
      return new String(raw, StandardCharsets.UTF_8);
    }

    /** The first value of a header, by any case of its name; null when absent. */
    public String header(String name) {
      return headers.get(name);
    }

    public String contentType() {
      return header("Content-Type");
    }

    /** The body read as a UTF-8 form. */
    public Map<String, String> form() {
      return decode(body());
    }

    /** A PayGate webhook's event id. */
    public String eventId() {
      return header("PayGate-Event-Id");
    }

    /** A PayGate webhook's signature header. */
    public String signature() {
      return header("PayGate-Signature");
    }
  }

  /** A reply trickled a byte a second until released; says whether it is still trickling. */
  public static final class Trickle {
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch started = new CountDownLatch(1);
    private final AtomicBoolean trickling = new AtomicBoolean();

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

  /** How the next request is answered, when not by a status. */
  private interface Reply {
    void write(HttpExchange exchange) throws IOException;
  }

  /**
   * The next request that matches, kept without an answer until released, then answered with this
   * status.
   */
  private record Held(CountDownLatch release, int status, Predicate<Received> which) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final BlockingQueue<Received> unread = new LinkedBlockingQueue<>();
  private final List<Map<String, String>> forms = new CopyOnWriteArrayList<>();
  private final List<String> contentTypes = new CopyOnWriteArrayList<>();
  private final List<byte[]> rawBodies = new CopyOnWriteArrayList<>();
  private final List<Received> requests = new CopyOnWriteArrayList<>();
  private final Deque<String> replies = new ArrayDeque<>();
  private final Deque<Integer> statuses = new ArrayDeque<>();
  private final AtomicInteger answer = new AtomicInteger(200);
  private final AtomicReference<Held> held = new AtomicReference<>();
  private final AtomicReference<Reply> special = new AtomicReference<>();

  public Receiver() {
    try {
      // A deep backlog: a load run sends hundreds of notifies at once.
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    // Requests are answered side by side, so one held back does not hold up the next.
    server.setExecutor(executor);
    server.start();
  }

  /** Where to post: any path is received. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/inbox";
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      byte[] raw = exchange.getRequestBody().readAllBytes();
      Map<String, String> headers = new LinkedHashMap<>();
      exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
      Received received = new Received(exchange.getRequestURI().getPath(), headers, raw);
      rawBodies.add(raw);
      requests.add(received);
      contentTypes.add(received.contentType());
      forms.add(formOrNothing(received));
      unread.add(received);
      Reply reply = special.getAndSet(null);
      if (reply != null) {
        reply.write(exchange);
        return;
      }
      int status = answer.get();
      synchronized (statuses) {
        Integer scripted = statuses.poll();
        if (scripted != null) {
          status = scripted;
        }
      }
      Held hold = held.get();
      if (hold != null && hold.which().test(received) && held.compareAndSet(hold, null)) {
        try {
          hold.release().await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        status = hold.status();
      }
      if (status == 204) {
        // No Content: a reply without a body (as WeChat Pay's merchants may answer).
        exchange.sendResponseHeaders(204, -1);
        return;
      }
      String text;
      synchronized (replies) {
        text = replies.isEmpty() ? "success" : replies.poll();
      }
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
    } finally {
      exchange.close();
    }
  }

  /** Answers every later request with this status (the body stays {@code success}). */
  public void answer(int status) {
    answer.set(status);
  }

  /** The statuses of the next replies, in order; after them, the standing {@link #answer}. */
  public Receiver answering(int... next) {
    synchronized (statuses) {
      for (int status : next) {
        statuses.add(status);
      }
    }
    return this;
  }

  /** The bodies of the next replies, in order; after them, {@code success}. */
  public Receiver replying(String... next) {
    synchronized (replies) {
      replies.addAll(List.of(next));
    }
    return this;
  }

  /**
   * Keeps the next request unanswered until the returned latch is counted down, then answers it
   * with {@code status}; later requests are answered as usual meanwhile.
   */
  public CountDownLatch holdNextThenAnswer(int status) {
    return holdNextThenAnswer(status, request -> true);
  }

  /**
   * Keeps the next request that matches {@code which} unanswered until the returned latch is
   * counted down, then answers it with {@code status}; every other request is answered as usual.
   */
  public CountDownLatch holdNextThenAnswer(int status, Predicate<Received> which) {
    CountDownLatch release = new CountDownLatch(1);
    held.set(new Held(release, status, which));
    return release;
  }

  /**
   * Answers the next request 200 with a body that never ends (until the sender hangs up); returns
   * the count of bytes written by then, final once {@code ended} is counted down.
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
            // what the sender is expected to do
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
            // cut by the sender's deadline
          } finally {
            trickle.trickling.set(false);
          }
        });
    return trickle;
  }

  /** The next request not yet read, waiting for it to arrive (delivery is asynchronous). */
  public Received next(Duration patience) {
    try {
      Received next = unread.poll(patience.toMillis(), TimeUnit.MILLISECONDS);
      if (next == null) {
        throw new AssertionError("nothing arrived within " + patience);
      }
      return next;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The next request not yet read, or null, without waiting. */
  public Received take() {
    return unread.poll();
  }

  /** How many requests arrived and are not yet read. */
  public int pending() {
    return unread.size();
  }

  /** Every request's body read as a UTF-8 form, in arrival order (read or not). */
  public List<Map<String, String>> received() {
    return forms;
  }

  /** Every request as it arrived (path, headers, raw body), in arrival order, read or not. */
  public List<Received> requests() {
    return requests;
  }

  /** Every request's Content-Type, in arrival order. */
  public List<String> contentTypes() {
    return contentTypes;
  }

  /** Every request's body as sent, for forms not in UTF-8. */
  public List<byte[]> rawBodies() {
    return rawBodies;
  }

  // A webhook's JSON is no form; it reads as none rather than failing the request.
  private static Map<String, String> formOrNothing(Received received) {
    try {
      return received.form();
    } catch (IllegalArgumentException notAForm) {
      return Map.of();
    }
  }

  /** Decodes a query string or UTF-8 form body the way a servlet container delivers it. */
  public static Map<String, String> decode(String encoded) {
    return decode(encoded, StandardCharsets.UTF_8);
  }

  /** Decodes a form body sent in another charset. */
  public static Map<String, String> decode(byte[] body, Charset charset) {
    return decode(new String(body, StandardCharsets.US_ASCII), charset);
  }

  private static Map<String, String> decode(String encoded, Charset charset) {
    Map<String, String> params = new LinkedHashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return params;
    }
    for (String pair : encoded.split("&")) {
      int eq = pair.indexOf('=');
      params.put(
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), charset),
          URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), charset));
    }
    return params;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
