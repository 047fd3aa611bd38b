package io.paygate.server.webhooks;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Sends deliveries, each attempt a short pipeline: claim the row (one instance wins), check the
 * target, sign, post, record the attempt and plan the next. New deliveries are sent at once on this
 * instance's small pool; retries, and anything a crash or a full pool left behind, are sent by
 * {@link #sendDue()} from the recurring job on whichever instance runs it.
 */
@Component
public class WebhookDispatcher implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
  private static final int EXCERPT = 500;
  private static final int ERROR = 256;

  private final WebhookDeliveries deliveries;
  private final WebhookEndpoints endpoints;
  private final WebhooksProperties properties;
  private final WebhookTargets targets;
  private final Clock clock;
  private final MeterRegistry meters;
  private final WebhookClient client;
  private final ThreadPoolExecutor pool =
      new ThreadPoolExecutor(
          1, 2, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1000), named("paygate-webhook"));

  public WebhookDispatcher(
      WebhookDeliveries deliveries,
      WebhookEndpoints endpoints,
      WebhooksProperties properties,
      WebhookTargets targets,
      Clock clock,
      MeterRegistry meters) {
    this.deliveries = deliveries;
    this.endpoints = endpoints;
    this.properties = properties;
    this.targets = targets;
    this.clock = clock;
    this.meters = meters;
    this.client = new WebhookClient(defaultTls(), (int) properties.maxReplySize().toBytes());
  }

  /**
   * Sends the event again now to every live endpoint that had it, whatever happened before, on the
   * caller's thread; returns to how many.
   */
  int redeliver(String eventId) {
    Instant now = clock.instant();
    List<WebhookDeliveries.Claimed> again = deliveries.redeliver(eventId, now, holdUntil(now));
    again.forEach(delivery -> send(delivery, now));
    return again.size();
  }

  /**
   * Sends these new deliveries now, off the caller's thread; what does not fit waits for the job.
   */
  void sendSoon(List<Long> ids) {
    for (long id : ids) {
      try {
        pool.execute(() -> attempt(id));
      } catch (RejectedExecutionException full) {
        return;
      }
    }
  }

  /** Sends every delivery due now; returns how many attempts this instance made. */
  public int sendDue() {
    int sent = 0;
    List<Long> due;
    do {
      due = deliveries.due(clock.instant(), 100);
      for (long id : due) {
        if (attempt(id)) {
          sent++;
        }
      }
    } while (due.size() == 100);
    return sent;
  }

  /** One attempt at one delivery, if this caller wins it. */
  boolean attempt(long id) {
    Instant now = clock.instant();
    Optional<WebhookDeliveries.Claimed> claimed = deliveries.claim(id, now, holdUntil(now));
    if (claimed.isEmpty()) {
      return false;
    }
    send(claimed.get(), now);
    return true;
  }

  /** A claim outlasts any one post (with its timeout); a crashed sender's claim runs out. */
  private Instant holdUntil(Instant now) {
    return now.plus(properties.timeout().multipliedBy(3));
  }

  private void send(WebhookDeliveries.Claimed delivery, Instant now) {
    Optional<WebhookEndpoint> endpoint = endpoints.find(delivery.endpointId());
    if (endpoint.isEmpty()) {
      record(delivery, new WebhookDeliveries.Attempt(now, null, null, "endpoint deleted", 0), true);
      return;
    }
    WebhookDeliveries.Attempt attempt = post(endpoint.get(), delivery, now);
    boolean ok = attempt.statusCode() != null && attempt.statusCode() / 100 == 2;
    record(delivery, attempt, ok);
  }

  private WebhookDeliveries.Attempt post(
      WebhookEndpoint endpoint, WebhookDeliveries.Claimed delivery, Instant now) {
    URI url = URI.create(endpoint.url());
    // Looked up once: the addresses checked are the ones connected to.
    WebhookTargets.Lookup lookup = targets.resolve(url.getHost());
    if (lookup.refusal().isPresent()) {
      return new WebhookDeliveries.Attempt(
          now, null, null, excerpt(lookup.refusal().get(), ERROR), 0);
    }
    String signature =
        WebhookSignature.header(
            now.getEpochSecond(), delivery.payload(), endpoint.signingSecrets(now));
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json; charset=utf-8");
    headers.put("User-Agent", "PayGate-Webhooks/1");
    headers.put("PayGate-Event-Id", delivery.eventId());
    headers.put(WebhookSignature.HEADER, signature);
    long started = System.nanoTime();
    WebhookClient.Outcome outcome =
        client.post(
            url,
            lookup.resolved(),
            headers,
            delivery.payload().getBytes(StandardCharsets.UTF_8),
            properties.timeout());
    if (outcome instanceof WebhookClient.Outcome.Answered answered) {
      // The note on a cut reply fits in the excerpt's room (the column holds 512).
      String excerpt =
          answered.cut() == null
              ? excerpt(answered.body(), EXCERPT)
              : excerpt(answered.body(), EXCERPT - answered.cut().length() - 3)
                  + " ("
                  + answered.cut()
                  + ")";
      return new WebhookDeliveries.Attempt(now, answered.status(), excerpt, null, millis(started));
    }
    return new WebhookDeliveries.Attempt(
        now,
        null,
        null,
        excerpt(((WebhookClient.Outcome.Failed) outcome).error(), ERROR),
        millis(started));
  }

  /** Done, or the next attempt: first-retry after the first failure, doubling, capped. */
  private void record(
      WebhookDeliveries.Claimed delivery, WebhookDeliveries.Attempt attempt, boolean done) {
    Instant now = attempt.attemptedAt();
    String outcome;
    Instant next = now;
    if (done) {
      outcome = attempt.error() == null ? "SUCCEEDED" : "FAILED";
    } else {
      next = now.plus(wait(delivery.attempts() + 1));
      outcome = next.isAfter(delivery.created().plus(properties.retryFor())) ? "FAILED" : "PENDING";
    }
    deliveries.attempted(delivery, attempt, outcome, next);
    meters
        .counter(
            "paygate.webhook.deliveries",
            "outcome",
            outcome.equals("PENDING") ? "retrying" : outcome.toLowerCase(java.util.Locale.ROOT))
        .increment();
    if (!done) {
      log.info(
          "Webhook {} to {} not accepted ({}); {}",
          delivery.eventId(),
          delivery.endpointId(),
          attempt.statusCode() != null ? "HTTP " + attempt.statusCode() : attempt.error(),
          outcome.equals("PENDING") ? "next attempt at " + next : "given up");
    }
  }

  /** The wait after the n-th failed attempt (n from 1). */
  Duration wait(int failures) {
    Duration wait = properties.firstRetry();
    for (int i = 1; i < failures && wait.compareTo(properties.maxRetryInterval()) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(properties.maxRetryInterval()) > 0 ? properties.maxRetryInterval() : wait;
  }

  private static String excerpt(String text, int room) {
    if (text == null) {
      return null;
    }
    return text.length() <= room ? text : text.substring(0, room - 1) + "…";
  }

  private static long millis(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }

  private static java.util.concurrent.ThreadFactory named(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  private static SSLSocketFactory defaultTls() {
    try {
      return SSLContext.getDefault().getSocketFactory();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no TLS in this JVM", e);
    }
  }

  @Override
  public void destroy() {
    pool.shutdownNow();
    client.close();
  }
}
