package io.paygate.server.idempotency;

import static io.paygate.server.database.Times.column;
import static io.paygate.server.database.Times.read;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code idempotency_keys} table. Each key is taken by one insert, so of two requests with one
 * key (on two instances too) exactly one runs at a time; the row binds the Alipay numbers the key's
 * request uses from its first run on. Every statement is on its own, outside the request's
 * transactions.
 */
@Repository
public class IdempotencyKeys {

  static final Duration KEPT = Duration.ofHours(24);

  /** What a request with a key may do. */
  sealed interface Start permits Run, Replay, Reused, InUse, Shown {}

  /**
   * The key is this run's until it keeps an answer or hands the key on.
   *
   * @param runId names this run: only it may finish or hand on the key
   */
  record Run(String runId, BoundNumbers numbers) implements Start {}

  /** The same request came before: its answer, to send again. */
  record Replay(int status, String contentType, String location, String body) implements Start {}

  /** The key was used for another request. */
  record Reused() implements Start {}

  /** The first request with the key is still running. */
  record InUse() implements Start {}

  /** The same request came before and was answered with a secret, shown once and not kept. */
  record Shown() implements Start {}

  private record Row(
      String requestHash,
      String state,
      Integer status,
      String contentType,
      String location,
      String body,
      Instant createdAt,
      String outTradeNo,
      String outRequestNo) {}

  private final JdbcClient jdbc;

  public IdempotencyKeys(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * @param fresh the numbers to bind if this request is the key's first; a key bound already keeps
   *     its own
   */
  Start begin(
      String caller,
      String key,
      String requestHash,
      Instant now,
      Duration lease,
      BoundNumbers fresh) {
    String runId = UUID.randomUUID().toString();
    for (int tries = 0; tries < 3; tries++) {
      try {
        jdbc.sql(
                "INSERT INTO idempotency_keys (caller, idem_key, request_hash, state,"
                    + " locked_until, created_at, out_trade_no, out_request_no, run_id)"
                    + " VALUES (?, ?, ?, 'RUNNING', ?, ?, ?, ?, ?)")
            .params(
                caller,
                key,
                requestHash,
                column(now.plus(lease)),
                column(now),
                fresh.outTradeNo(),
                fresh.outRequestNo(),
                runId)
            .update();
        return new Run(runId, fresh);
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
        if (first.state().equals("SHOWN")) {
          return new Shown();
        }
        // Running still; or handed on (its answer was not final), or its instance died and its
        // lease ran out: then this request takes it, and resumes under the same numbers.
        BoundNumbers bound =
            new BoundNumbers(
                first.outTradeNo() != null ? first.outTradeNo() : fresh.outTradeNo(),
                first.outRequestNo() != null ? first.outRequestNo() : fresh.outRequestNo(),
                true);
        int takenOver =
            jdbc.sql(
                    "UPDATE idempotency_keys SET locked_until = ?, run_id = ?, out_trade_no = ?,"
                        + " out_request_no = ? WHERE caller = ? AND idem_key = ?"
                        + " AND state = 'RUNNING' AND locked_until <= ?")
                .params(
                    column(now.plus(lease)),
                    runId,
                    bound.outTradeNo(),
                    bound.outRequestNo(),
                    caller,
                    key,
                    column(now))
                .update();
        return takenOver == 1 ? new Run(runId, bound) : new InUse();
      }
    }
    return new InUse();
  }

  /** Keeps the run's final answer, to be replayed to every retry. */
  void finish(
      String caller,
      String key,
      String runId,
      int status,
      String contentType,
      String location,
      String body) {
    jdbc.sql(
            "UPDATE idempotency_keys SET state = 'DONE', response_status = ?, response_type = ?,"
                + " response_location = ?, response_body = ? WHERE caller = ? AND idem_key = ?"
                + " AND run_id = ? AND state = 'RUNNING'")
        .params(status, contentType, location, body, caller, key, runId)
        .update();
  }

  /**
   * Notes that the run's answer held a secret: it is not kept, and a retry hears that it was shown
   * once.
   */
  void shown(String caller, String key, String runId) {
    jdbc.sql(
            "UPDATE idempotency_keys SET state = 'SHOWN' WHERE caller = ? AND idem_key = ?"
                + " AND run_id = ? AND state = 'RUNNING'")
        .params(caller, key, runId)
        .update();
  }

  /**
   * Hands the key on after a run whose outcome is not final (still pending, or it failed): the next
   * request with it runs at once and resumes under the same numbers. The row stays, so the numbers
   * are never bound afresh.
   */
  void handOn(String caller, String key, String runId, Instant now) {
    jdbc.sql(
            "UPDATE idempotency_keys SET locked_until = ? WHERE caller = ? AND idem_key = ?"
                + " AND run_id = ? AND state = 'RUNNING'")
        .params(column(now), caller, key, runId)
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
            "SELECT request_hash, state, response_status, response_type, response_location,"
                + " response_body, created_at, out_trade_no, out_request_no FROM idempotency_keys"
                + " WHERE caller = ? AND idem_key = ?")
        .params(caller, key)
        .query(
            (row, n) ->
                new Row(
                    row.getString("request_hash"),
                    row.getString("state"),
                    (Integer) row.getObject("response_status"),
                    row.getString("response_type"),
                    row.getString("response_location"),
                    row.getString("response_body"),
                    read(row, "created_at"),
                    row.getString("out_trade_no"),
                    row.getString("out_request_no")))
        .optional();
  }
}
