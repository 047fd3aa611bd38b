package io.paygate.server.webhooks;

import static io.paygate.server.database.Times.column;
import static io.paygate.server.database.Times.read;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The {@code webhook_deliveries} and {@code webhook_attempts} tables: each endpoint's delivery of
 * each event, as a row with its next attempt's time and its attempts, claimed by one instance at a
 * time with a single conditional update.
 */
@Repository
public class WebhookDeliveries {

  /** What an attempt needs, read once it is claimed. */
  record Claimed(
      long id,
      String eventId,
      String endpointId,
      String payload,
      int attempts,
      Instant created,
      int claim) {}

  /** One attempt, as the API shows it. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Attempt(
      Instant attemptedAt,
      Integer statusCode,
      String replyExcerpt,
      String error,
      long durationMs) {}

  /** One delivery with its attempts. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Delivery(
      long id,
      String endpointId,
      String status,
      int attempts,
      Instant nextAttemptAt,
      @JsonProperty("attempt_log") List<Attempt> attemptLog) {}

  private final JdbcClient jdbc;

  public WebhookDeliveries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  private static final String DUE =
      " status = 'PENDING' AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?)";

  /** How many deliveries are due now, by endpoint. */
  Map<String, Integer> dueByEndpoint(Instant now) {
    Map<String, Integer> due = new LinkedHashMap<>();
    jdbc.sql(
            "SELECT endpoint_id, COUNT(*) AS n FROM webhook_deliveries WHERE"
                + DUE
                + " GROUP BY endpoint_id ORDER BY endpoint_id")
        .params(column(now), column(now))
        .query(
            (org.springframework.jdbc.core.RowCallbackHandler)
                row -> due.put(row.getString("endpoint_id"), row.getInt("n")));
    return due;
  }

  /**
   * The endpoint's delivery due first, if nobody holds it: one due by {@code asOf}, or a new one
   * (never tried) due by {@code now}. Retries that fell due after {@code asOf} are left to the
   * sweep.
   */
  Optional<Long> nextDue(String endpointId, Instant asOf, Instant now) {
    return jdbc.sql(
            "SELECT id FROM webhook_deliveries WHERE endpoint_id = ? AND status = 'PENDING'"
                + " AND (next_attempt_at <= ? OR (attempts = 0 AND next_attempt_at <= ?))"
                + " AND (claimed_until IS NULL OR claimed_until < ?)"
                + " ORDER BY next_attempt_at, id FETCH FIRST 1 ROWS ONLY")
        .params(endpointId, column(asOf), column(now), column(now))
        .query(Long.class)
        .optional();
  }

  /**
   * Gives back a claim that was not used (its endpoint had no free slot): due again at once, for
   * whoever finds it first. Only while the claim is still this one.
   */
  void release(Claimed delivery) {
    jdbc.sql("UPDATE webhook_deliveries SET claimed_until = NULL WHERE id = ? AND claims = ?")
        .params(delivery.id(), delivery.claim())
        .update();
  }

  /**
   * Takes the delivery for one attempt if it is due and nobody holds it: of two instances (or
   * threads) only one gets it. Held until {@code until}, after which another may try again.
   */
  Optional<Claimed> claim(long id, Instant now, Instant until) {
    int claimed =
        jdbc.sql(
                "UPDATE webhook_deliveries SET claimed_until = ?, claims = claims + 1 WHERE id = ?"
                    + " AND status = 'PENDING' AND next_attempt_at <= ?"
                    + " AND (claimed_until IS NULL OR claimed_until < ?)")
            .params(column(until), id, column(now), column(now))
            .update();
    if (claimed == 0) {
      return Optional.empty();
    }
    return jdbc.sql(CLAIMED + " WHERE d.id = ?")
        .param(id)
        .query(WebhookDeliveries::claimed)
        .optional();
  }

  private static final String CLAIMED =
      "SELECT d.id, d.event_id, d.endpoint_id, d.attempts, d.claims, e.payload, e.created_at"
          + " FROM webhook_deliveries d JOIN events e ON e.id = d.event_id";

  private static Claimed claimed(java.sql.ResultSet row, int n) throws java.sql.SQLException {
    return new Claimed(
        row.getLong("id"),
        row.getString("event_id"),
        row.getString("endpoint_id"),
        row.getString("payload"),
        row.getInt("attempts"),
        read(row, "created_at"),
        row.getInt("claims"));
  }

  /** Records the attempt and what follows it: done, failed for good, or the next attempt's time. */
  void attempted(Claimed delivery, Attempt attempt, String status, Instant nextAttemptAt) {
    jdbc.sql(
            "INSERT INTO webhook_attempts (delivery_id, attempted_at, status_code, reply_excerpt,"
                + " error, duration_millis) VALUES (?,?,?,?,?,?)")
        .params(
            delivery.id(),
            column(attempt.attemptedAt()),
            attempt.statusCode(),
            attempt.replyExcerpt(),
            attempt.error(),
            attempt.durationMs())
        .update();
    // One statement, so no reader sees the count without the outcome. The outcome is written only
    // while this attempt's claim is the latest: a redelivery that took the row over meanwhile
    // writes its own.
    jdbc.sql(
            "UPDATE webhook_deliveries SET attempts = attempts + 1,"
                + " status = CASE WHEN claims = ? THEN ? ELSE status END,"
                + " next_attempt_at = CASE WHEN claims = ? THEN ? ELSE next_attempt_at END,"
                + " claimed_until = CASE WHEN claims = ? THEN NULL ELSE claimed_until END"
                + " WHERE id = ?")
        .params(
            delivery.claim(),
            status,
            delivery.claim(),
            column(nextAttemptAt),
            delivery.claim(),
            delivery.id())
        .update();
  }

  /**
   * Claims every delivery of the event to a live endpoint for an attempt now, whatever its state
   * and even while another attempt is in flight (that one's outcome is then not written).
   */
  List<Claimed> redeliver(String eventId, Instant now, Instant until) {
    String live = " AND endpoint_id IN (SELECT id FROM webhook_endpoints WHERE deleted_at IS NULL)";
    jdbc.sql(
            "UPDATE webhook_deliveries SET status = 'PENDING', next_attempt_at = ?,"
                + " claimed_until = ?, claims = claims + 1 WHERE event_id = ?"
                + live)
        .params(column(now), column(until), eventId)
        .update();
    return jdbc.sql(
            CLAIMED + " WHERE d.event_id = ? AND d.status = 'PENDING'" + live + " ORDER BY d.id")
        .param(eventId)
        .query(WebhookDeliveries::claimed)
        .list();
  }

  public List<Delivery> forEvent(String eventId) {
    return jdbc.sql(
            "SELECT id, endpoint_id, status, attempts, next_attempt_at FROM webhook_deliveries"
                + " WHERE event_id = ? ORDER BY id")
        .param(eventId)
        .query(
            (row, n) ->
                new Delivery(
                    row.getLong("id"),
                    row.getString("endpoint_id"),
                    row.getString("status"),
                    row.getInt("attempts"),
                    read(row, "next_attempt_at"),
                    attempts(row.getLong("id"))))
        .list();
  }

  private List<Attempt> attempts(long deliveryId) {
    return jdbc.sql(
            "SELECT attempted_at, status_code, reply_excerpt, error, duration_millis"
                + " FROM webhook_attempts WHERE delivery_id = ? ORDER BY id")
        .param(deliveryId)
        .query(
            (row, n) ->
                new Attempt(
                    read(row, "attempted_at"),
                    (Integer) row.getObject("status_code"),
                    row.getString("reply_excerpt"),
                    row.getString("error"),
                    row.getLong("duration_millis")))
        .list();
  }
}
