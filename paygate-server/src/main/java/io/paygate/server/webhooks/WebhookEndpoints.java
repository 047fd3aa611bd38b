package io.paygate.server.webhooks;

import static io.paygate.server.database.Times.column;
import static io.paygate.server.database.Times.read;

import io.paygate.core.errors.ErrorCode;
import io.paygate.core.errors.PayGateException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The {@code webhook_endpoints} table. A deleted endpoint keeps its row for its history. */
@Repository
public class WebhookEndpoints {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String COLUMNS =
      "id, url, events, apps, secret, previous_secret, previous_secret_until, created_at";

  private final JdbcClient jdbc;
  private final WebhookTargets targets;
  private final Clock clock;

  public WebhookEndpoints(JdbcClient jdbc, WebhookTargets targets, Clock clock) {
    this.jdbc = jdbc;
    this.targets = targets;
    this.clock = clock;
  }

  /**
   * A new endpoint, from a shop's input: the URL must be a target we may call, the events known
   * (none: all of them). Refusals name the field, for the API and the page alike.
   */
  WebhookEndpoint create(String requestedUrl, List<String> requestedEvents) {
    return create(requestedUrl, requestedEvents, List.of(), Set.of(), Set.of());
  }

  /**
   * As {@link #create(String, List)}, limited to the requested apps (none: every app), which must
   * be among the merchant's {@code apps}, for a key of {@code keyApps} (none: every app), which may
   * make endpoints of its own apps only.
   */
  WebhookEndpoint create(
      String requestedUrl,
      List<String> requestedEvents,
      List<String> requestedApps,
      Set<String> keyApps,
      Set<String> apps) {
    Set<String> limitedTo = new TreeSet<>();
    for (String app : requestedApps == null ? List.<String>of() : requestedApps) {
      if (app == null || !apps.contains(app)) {
        throw PayGateException.invalid(
            "apps", "no app named " + app + "; the apps are " + new TreeSet<>(apps));
      }
      limitedTo.add(app);
    }
    if (!keyApps.isEmpty() && (limitedTo.isEmpty() || !keyApps.containsAll(limitedTo))) {
      throw new PayGateException(
          ErrorCode.APP_NOT_ALLOWED,
          "this API key is limited to the apps "
              + new TreeSet<>(keyApps)
              + "; an endpoint it makes must be limited to some of them",
          "apps",
          null);
    }
    String url = targets.parse(requestedUrl).toString();
    List<String> events = requestedEvents == null ? List.of() : List.copyOf(requestedEvents);
    for (String type : events) {
      if (!EventType.known(type)) {
        throw PayGateException.invalid(
            "events", "unknown event type " + type + "; known: " + EventType.names());
      }
    }
    WebhookEndpoint endpoint =
        new WebhookEndpoint(
            "we_" + random(18),
            url,
            List.copyOf(events),
            limitedTo,
            secret(),
            null,
            null,
            clock.instant());
    jdbc.sql("INSERT INTO webhook_endpoints (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?)")
        .params(
            endpoint.id(),
            endpoint.url(),
            events.isEmpty() ? "*" : String.join(",", events),
            limitedTo.isEmpty() ? null : String.join(",", limitedTo),
            endpoint.secret(),
            null,
            null,
            column(endpoint.createdAt()))
        .update();
    return endpoint;
  }

  List<WebhookEndpoint> live() {
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM webhook_endpoints WHERE deleted_at IS NULL ORDER BY id")
        .query(WebhookEndpoints::map)
        .list();
  }

  /** A live endpoint a key of these apps may see (none: every app), else 404. */
  WebhookEndpoint get(String id, Set<String> keyApps) {
    return find(id)
        .filter(endpoint -> endpoint.within(keyApps))
        .orElseThrow(
            () ->
                new PayGateException(
                    ErrorCode.WEBHOOK_ENDPOINT_NOT_FOUND, "no webhook endpoint " + id));
  }

  WebhookEndpoint get(String id) {
    return find(id)
        .orElseThrow(
            () ->
                new PayGateException(
                    ErrorCode.WEBHOOK_ENDPOINT_NOT_FOUND, "no webhook endpoint " + id));
  }

  /** A live endpoint. */
  Optional<WebhookEndpoint> find(String id) {
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM webhook_endpoints WHERE id = ? AND deleted_at IS NULL")
        .param(id)
        .query(WebhookEndpoints::map)
        .optional();
  }

  /**
   * Deletes the endpoint and ends its deliveries still waiting for a retry: nothing more is sent to
   * it, and no retry job keeps coming back for it.
   */
  @Transactional
  void delete(String id) {
    int deleted =
        jdbc.sql("UPDATE webhook_endpoints SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL")
            .params(column(clock.instant()), id)
            .update();
    if (deleted == 0) {
      get(id);
    }
    // Counted as a claim: an attempt still in flight finds its claim overtaken and cannot put the
    // delivery back on the retry schedule when its answer (or its failure) comes in.
    jdbc.sql(
            "UPDATE webhook_deliveries SET status = 'FAILED', claimed_until = NULL,"
                + " claims = claims + 1 WHERE endpoint_id = ? AND status = 'PENDING'")
        .param(id)
        .update();
  }

  /**
   * A new secret; the one it replaces keeps signing beside it for {@code overlap}, so receivers can
   * be moved over without a moment in which they refuse genuine events.
   */
  WebhookEndpoint rotate(String id, java.time.Duration overlap) {
    WebhookEndpoint before = get(id);
    String secret = secret();
    Instant until = clock.instant().plus(overlap);
    jdbc.sql(
            "UPDATE webhook_endpoints SET previous_secret = secret, secret = ?,"
                + " previous_secret_until = ? WHERE id = ? AND deleted_at IS NULL")
        .params(secret, column(until), id)
        .update();
    return new WebhookEndpoint(
        id,
        before.url(),
        before.events(),
        before.apps(),
        secret,
        before.secret(),
        until,
        before.createdAt());
  }

  private static String secret() {
    return "whsec_" + random(32);
  }

  private static String random(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static Set<String> appsOf(String column) {
    return column == null || column.isBlank()
        ? Set.of()
        : new TreeSet<>(Arrays.asList(column.split(",")));
  }

  private static WebhookEndpoint map(ResultSet row, int n) throws SQLException {
    String events = row.getString("events");
    return new WebhookEndpoint(
        row.getString("id"),
        row.getString("url"),
        events.equals("*") ? List.of() : Arrays.asList(events.split(",")),
        appsOf(row.getString("apps")),
        row.getString("secret"),
        row.getString("previous_secret"),
        read(row, "previous_secret_until"),
        read(row, "created_at"));
  }
}
