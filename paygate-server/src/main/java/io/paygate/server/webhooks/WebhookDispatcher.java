package io.paygate.server.webhooks;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Sends deliveries, each attempt a short pipeline: claim the row (one instance wins), check the
 * target, sign, post, record the attempt and plan the next. Each endpoint has its own few slots
 * ({@link EndpointLanes}): a worker in a slot sends that endpoint's due deliveries one after
 * another until none is left, so a slow endpoint holds only its own slots and its own backlog. New
 * deliveries are started at once; retries, and anything a crash or a full endpoint left behind, are
 * started by {@link #sendDue()} from the recurring job on whichever instance runs it.
 */
@Component
public class WebhookDispatcher implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
  private static final int EXCERPT = 500;
  private static final int ERROR = 256;

  /** How many deliveries one worker sends before it hands its slot back and looks again. */
  private static final int WORKER_RUN = 1000;

  private final WebhookDeliveries deliveries;
  private final WebhookEndpoints endpoints;
  private final WebhooksProperties properties;
  private final WebhookTargets targets;
  private final Clock clock;
  private final MeterRegistry meters;
  private final WebhookClient client;
  private final EndpointLanes lanes;

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
    this.lanes = new EndpointLanes(properties.endpointConcurrency(), properties.deliveryThreads());
    Gauge.builder("paygate.webhook.in.flight", lanes, EndpointLanes::running)
        .description("Webhook delivery workers running on this instance")
        .register(meters);
  }

  /**
   * Sends the event again now to every live endpoint that had it, whatever happened before, each in
   * its endpoint's slot, and waits for those sends; returns to how many endpoints. An endpoint
   * whose slots are all busy gets it from the next sweep (its claim is given back, the delivery
   * due).
   */
  int redeliver(String eventId) {
    Instant now = clock.instant();
    List<WebhookDeliveries.Claimed> again = deliveries.redeliver(eventId, now, holdUntil(now));
    List<CompletableFuture<Boolean>> sent = new ArrayList<>();
    for (WebhookDeliveries.Claimed delivery : again) {
      CompletableFuture<Boolean> done = new CompletableFuture<>();
      if (start(delivery.endpointId(), () -> send(delivery, now), done)) {
        sent.add(done);
      } else {
        deliveries.release(delivery);
      }
    }
    sent.forEach(CompletableFuture::join);
    return again.size();
  }

  /**
   * Starts new deliveries now, off the caller's thread, each in its endpoint's slots: as many
   * workers per endpoint as it has new deliveries (a worker claims what is due; one that finds
   * nothing left, taken by another instance meanwhile, ends).
   */
  void sendSoon(Map<String, Integer> newByEndpoint) {
    newByEndpoint.forEach(this::startWorkers);
  }

  /**
   * Starts workers for every endpoint with deliveries due now, as many as its free slots and its
   * due deliveries allow, and waits for each worker's first attempt (each bounded by the deadline);
   * returns how many attempts that made. What an endpoint has beyond its slots its workers go on
   * sending after this returns.
   */
  public int sendDue() {
    List<CompletableFuture<Boolean>> started = new ArrayList<>();
    deliveries
        .dueByEndpoint(clock.instant())
        .forEach((endpointId, due) -> started.addAll(startWorkers(endpointId, due)));
    int sent = 0;
    for (CompletableFuture<Boolean> first : started) {
      if (first.join()) {
        sent++;
      }
    }
    return sent;
  }

  /** Up to {@code wanted} workers for the endpoint; each one's future says it made an attempt. */
  private List<CompletableFuture<Boolean>> startWorkers(String endpointId, int wanted) {
    List<CompletableFuture<Boolean>> started = new ArrayList<>();
    for (int i = 0; i < wanted; i++) {
      CompletableFuture<Boolean> first = new CompletableFuture<>();
      if (!start(endpointId, null, first)) {
        break;
      }
      started.add(first);
    }
    return started;
  }

  /**
   * Starts a worker in one of the endpoint's slots: it runs {@code opening} (if any), then sends
   * the endpoint's deliveries one by one, those due when it started and new ones; {@code first} is
   * completed after its first attempt (true) or when it found nothing to send (false). Once the
   * slot is given back, a new delivery that came meanwhile (and found the slots busy) gets a
   * worker.
   */
  private boolean start(String endpointId, Runnable opening, CompletableFuture<Boolean> first) {
    Instant asOf = clock.instant();
    boolean started =
        lanes.tryRun(
            endpointId,
            () -> {
              try {
                if (opening != null) {
                  opening.run();
                  first.complete(true);
                }
                for (int i = 0; i < WORKER_RUN; i++) {
                  Optional<Long> next = deliveries.nextDue(endpointId, asOf, clock.instant());
                  if (next.isEmpty()) {
                    break;
                  }
                  if (attempt(next.get())) {
                    first.complete(true);
                  }
                }
              } finally {
                first.complete(false);
              }
            },
            () -> {
              if (deliveries.nextDue(endpointId, asOf, clock.instant()).isPresent()) {
                startWorkers(endpointId, 1);
              }
            });
    if (!started) {
      first.complete(false);
    }
    return started;
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
    if (lookup instanceof WebhookTargets.Refused refused) {
      return new WebhookDeliveries.Attempt(now, null, null, excerpt(refused.why(), ERROR), 0);
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
            (WebhookTargets.Resolved) lookup,
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

  private static SSLSocketFactory defaultTls() {
    try {
      return SSLContext.getDefault().getSocketFactory();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no TLS in this JVM", e);
    }
  }

  @Override
  public void destroy() {
    lanes.close();
    client.close();
  }
}
