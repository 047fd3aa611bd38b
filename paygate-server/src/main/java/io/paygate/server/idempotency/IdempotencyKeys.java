package io.paygate.server.idempotency;

import static io.paygate.server.database.Times.column;
import static io.paygate.server.database.Times.read;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code idempotency_keys} table. Each key is taken by one insert, so of two requests with one
 * key (on two instances too) exactly one runs; every statement is on its own, outside the request's
 * transactions.
 */
@Repository
public class IdempotencyKeys {

  static final Duration KEPT = Duration.ofHours(24);

  /** What a request with a key may do. */
  sealed interface Start permits Run, Replay, Reused, InUse {}

  /** The key is this request's: run it and keep the answer. */
  record Run() implements Start {}

  /** The same request came before: its answer, to send again. */
  record Replay(int status, String contentType, String location, String body) implements Start {}

  /** The key was used for another request. */
  record Reused() implements Start {}

  /** The first request with the key is still running. */
  record InUse() implements Start {}

  private record Row(
      String requestHash,
      String state,
      Instant lockedUntil,
      Integer status,
      String contentType,
      String location,
      String body,
      Instant createdAt) {}

  private final JdbcClient jdbc;

  public IdempotencyKeys(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Start begin(String caller, String key, String requestHash, Instant now, Duration lease) {
    for (int tries = 0; tries < 3; tries++) {
      try {
        jdbc.sql(
                "INSERT INTO idempotency_keys (caller, idem_key, request_hash, state,"
                    + " locked_until, created_at) VALUES (?, ?, ?, 'RUNNING', ?, ?)")
            .params(caller, key, requestHash, column(now.plus(lease)), column(now))
            .update();
        return new Run();
      } catch (DuplicateKeyException taken) {
        Optional<Row> row = find(caller, key);
        if (row.isEmpty()) {
          continue; // expired and deleted meanwhile: try to take it again
        }
        Row first = row.get();
        if (first.createdAt().plus(KEPT).isBefore(now)) {
          jdbc.sql(
                  "DELETE FROM idempotency_keys WHERE caller = ? AND idem_key = ?"
                      + " AND created_at = ?")
              .params(caller, key, column(first.createdAt()))
              .update();
          continue;
        }
        if (!first.requestHash().equals(requestHash)) {
          return new Reused();
        }
        if (first.state().equals("DONE")) {
          return new Replay(first.status(), first.contentType(), first.location(), first.body());
        }
        // Running: still, or its instance died and its lease ran out (then this request takes it).
        int takenOver =
            jdbc.sql(
                    "UPDATE idempotency_keys SET locked_until = ? WHERE caller = ?"
                        + " AND idem_key = ? AND state = 'RUNNING' AND locked_until < ?")
                .params(column(now.plus(lease)), caller, key, column(now))
                .update();
        return takenOver == 1 ? new Run() : new InUse();
      }
    }
    return new InUse();
  }

  void finish(
      String caller, String key, int status, String contentType, String location, String body) {
    jdbc.sql(
            "UPDATE idempotency_keys SET state = 'DONE', response_status = ?, response_type = ?,"
                + " response_location = ?, response_body = ? WHERE caller = ? AND idem_key = ?")
        .params(status, contentType, location, body, caller, key)
        .update();
  }

  /** Frees the key of a request that did not finish, so the shop can retry with it. */
  void release(String caller, String key) {
    jdbc.sql("DELETE FROM idempotency_keys WHERE caller = ? AND idem_key = ? AND state = 'RUNNING'")
        .params(caller, key)
        .update();
  }

  /** Forgets answers older than 24 hours; returns how many. */
  int expire(Instant now) {
    return jdbc.sql("DELETE FROM idempotency_keys WHERE created_at < ?")
        .param(column(now.minus(KEPT)))
        .update();
  }

  private Optional<Row> find(String caller, String key) {
    return jdbc.sql(
            "SELECT request_hash, state, locked_until, response_status, response_type,"
                + " response_location, response_body, created_at FROM idempotency_keys"
                + " WHERE caller = ? AND idem_key = ?")
        .params(caller, key)
        .query(
            (row, n) ->
                new Row(
                    row.getString("request_hash"),
                    row.getString("state"),
                    read(row, "locked_until"),
                    (Integer) row.getObject("response_status"),
                    row.getString("response_type"),
                    row.getString("response_location"),
                    row.getString("response_body"),
                    read(row, "created_at")))
        .optional();
  }
}
