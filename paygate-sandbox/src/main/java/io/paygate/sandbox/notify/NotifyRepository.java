package io.paygate.sandbox.notify;

import io.paygate.sandbox.database.SandboxDatabase;
import io.paygate.sandbox.wire.Ids;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
public class NotifyRepository {

  private static final String COLUMNS =
      "id, notify_id, app_id, out_trade_no, notify_url, trade_status, params_json, delivered,"
          + " scheduled_attempts, next_attempt_at, faults_decided, dropped, held";
  private static final TypeReference<LinkedHashMap<String, String>> PARAMS =
      new TypeReference<>() {};

  private final SandboxDatabase db;
  private final JsonMapper json = JsonMapper.builder().build();
  private final RowMapper<Notify> row;

  public NotifyRepository(SandboxDatabase db) {
    this.db = db;
    this.row =
        (rs, i) -> {
          long next = rs.getLong("next_attempt_at");
          Instant nextAt = rs.wasNull() ? null : Instant.ofEpochMilli(next);
          return new Notify(
              rs.getLong("id"),
              rs.getString("notify_id"),
              rs.getString("app_id"),
              rs.getString("out_trade_no"),
              rs.getString("notify_url"),
              rs.getString("trade_status"),
              json.readValue(rs.getString("params_json"), PARAMS),
              rs.getBoolean("delivered"),
              rs.getInt("scheduled_attempts"),
              nextAt,
              rs.getBoolean("faults_decided"),
              rs.getBoolean("dropped"),
              rs.getBoolean("held"));
        };
  }

  /** Stores a notify due now; its notify_id stays the same for every redelivery. */
  public long insert(
      String appId,
      String outTradeNo,
      String notifyUrl,
      String tradeStatus,
      Map<String, String> params,
      Instant now) {
    String notifyId = Ids.digits(34);
    Map<String, String> withId = new LinkedHashMap<>(params);
    withId.put("notify_id", notifyId);
    db.jdbc()
        .update(
            "INSERT INTO notifies (notify_id, app_id, out_trade_no, notify_url, trade_status,"
                + " params_json, delivered, scheduled_attempts, next_attempt_at, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, FALSE, 0, ?, ?)",
            notifyId,
            appId,
            outTradeNo,
            notifyUrl,
            tradeStatus,
            json.writeValueAsString(withId),
            now.toEpochMilli(),
            now.toEpochMilli());
    return db.jdbc()
        .queryForObject("SELECT id FROM notifies WHERE notify_id = ?", Long.class, notifyId);
  }

  public Optional<Notify> find(long id) {
    return db.jdbc().query("SELECT " + COLUMNS + " FROM notifies WHERE id = ?", row, id).stream()
        .findFirst();
  }

  public List<Notify> byOutTradeNo(String outTradeNo) {
    return db.jdbc()
        .query(
            "SELECT " + COLUMNS + " FROM notifies WHERE out_trade_no = ? ORDER BY id",
            row,
            outTradeNo);
  }

  public List<Notify> recent(int limit) {
    return db.jdbc()
        .query("SELECT " + COLUMNS + " FROM notifies ORDER BY id DESC LIMIT ?", row, limit);
  }

  public List<Long> dueIds(Instant now) {
    return db.jdbc()
        .queryForList(
            "SELECT id FROM notifies WHERE next_attempt_at <= ? ORDER BY next_attempt_at, id",
            Long.class,
            now.toEpochMilli());
  }

  /**
   * Takes a due notify for one attempt: pushes its due time out by a (virtual) lease and holds it
   * until {@code claimedUntil} (real time), so two schedulers never send the same attempt, even if
   * the virtual clock is advanced past the lease while the attempt is being sent. Whatever settles
   * the attempt (reschedule, delivered, faults decided) lets go; a crash mid-attempt only delays
   * it.
   */
  public boolean claim(
      long id, Instant now, Instant leaseUntil, Instant realNow, Instant claimedUntil) {
    return db.jdbc()
            .update(
                "UPDATE notifies SET next_attempt_at = ?, claimed_until = ?"
                    + " WHERE id = ? AND next_attempt_at <= ?"
                    + " AND (claimed_until IS NULL OR claimed_until <= ?)",
                leaseUntil.toEpochMilli(),
                claimedUntil.toEpochMilli(),
                id,
                now.toEpochMilli(),
                realNow.toEpochMilli())
        == 1;
  }

  public void recordAttempt(NotifyAttempt attempt) {
    db.jdbc()
        .update(
            "INSERT INTO notify_attempts (notify_id, attempted_at, http_status, reply)"
                + " VALUES (?, ?, ?, ?)",
            attempt.notifyId(),
            attempt.at().toEpochMilli(),
            attempt.httpStatus(),
            attempt.reply());
  }

  public void markDelivered(long id) {
    db.jdbc()
        .update(
            "UPDATE notifies SET delivered = TRUE, held = FALSE, next_attempt_at = NULL,"
                + " claimed_until = NULL WHERE id = ?",
            id);
  }

  /** No scheduling fault for this notify: its claimed first attempt goes ahead. */
  public void decideNoFaults(long id) {
    db.jdbc().update("UPDATE notifies SET faults_decided = TRUE WHERE id = ?", id);
  }

  /**
   * The scheduling faults of this notify are settled, {@code dropped} or {@code held} or delayed to
   * {@code next}; no attempt is made now, so the claim is let go.
   */
  public void decideFaults(long id, boolean dropped, boolean held, Instant next) {
    db.jdbc()
        .update(
            "UPDATE notifies SET faults_decided = TRUE, dropped = ?, held = ?, next_attempt_at = ?,"
                + " claimed_until = NULL WHERE id = ?",
            dropped,
            held,
            next == null ? null : next.toEpochMilli(),
            id);
  }

  /** Releases the app's held notifies (other than {@code except}): due now; returns their ids. */
  public List<Long> releaseHeld(String appId, long except, Instant now) {
    List<Long> ids =
        db.jdbc()
            .queryForList(
                "SELECT id FROM notifies WHERE app_id = ? AND held AND id <> ? ORDER BY id",
                Long.class,
                appId,
                except);
    List<Long> released = new ArrayList<>();
    for (long id : ids) {
      if (db.jdbc()
              .update(
                  "UPDATE notifies SET held = FALSE, next_attempt_at = ? WHERE id = ? AND held",
                  now.toEpochMilli(),
                  id)
          == 1) {
        released.add(id);
      }
    }
    return released;
  }

  /**
   * After the scheduled attempt number {@code made} failed: due again at {@code next} (null:
   * never). Only from {@code made - 1}, so one attempt is counted once, and never once the notify
   * was delivered meanwhile (a redelivery by hand may have raced it).
   */
  public boolean reschedule(long id, int made, Instant next) {
    return db.jdbc()
            .update(
                "UPDATE notifies SET scheduled_attempts = ?, held = FALSE, next_attempt_at = ?,"
                    + " claimed_until = NULL WHERE id = ? AND scheduled_attempts = ?"
                    + " AND delivered = FALSE",
                made,
                next == null ? null : next.toEpochMilli(),
                id,
                made - 1)
        == 1;
  }

  /** The attempts at these notifies, by notify, each in order; one query. */
  public Map<Long, List<NotifyAttempt>> attempts(List<Long> notifyIds) {
    Map<Long, List<NotifyAttempt>> byNotify = new LinkedHashMap<>();
    if (notifyIds.isEmpty()) {
      return byNotify;
    }
    String marks = String.join(", ", Collections.nCopies(notifyIds.size(), "?"));
    db.jdbc()
        .query(
            "SELECT notify_id, attempted_at, http_status, reply FROM notify_attempts"
                + " WHERE notify_id IN ("
                + marks
                + ") ORDER BY id",
            (rs, i) -> {
              int status = rs.getInt("http_status");
              Integer httpStatus = rs.wasNull() ? null : status;
              return new NotifyAttempt(
                  rs.getLong("notify_id"),
                  Instant.ofEpochMilli(rs.getLong("attempted_at")),
                  httpStatus,
                  rs.getString("reply"));
            },
            notifyIds.toArray())
        .forEach(a -> byNotify.computeIfAbsent(a.notifyId(), k -> new ArrayList<>()).add(a));
    return byNotify;
  }
}
