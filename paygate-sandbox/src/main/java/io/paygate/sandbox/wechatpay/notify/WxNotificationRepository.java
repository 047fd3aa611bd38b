package io.paygate.sandbox.wechatpay.notify;

import io.paygate.sandbox.database.SandboxDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

@Repository
public class WxNotificationRepository {

  private static final String COLUMNS =
      "id, notification_id, mchid, out_trade_no, out_refund_no, event_type, notify_url, body,"
          + " delivered, dropped, faults_decided, scheduled_attempts, next_attempt_at";
  private static final RowMapper<WxNotification> ROW =
      (rs, i) -> {
        long next = rs.getLong("next_attempt_at");
        Instant nextAt = rs.wasNull() ? null : Instant.ofEpochMilli(next);
        return new WxNotification(
            rs.getLong("id"),
            rs.getString("notification_id"),
            rs.getString("mchid"),
            rs.getString("out_trade_no"),
            rs.getString("out_refund_no"),
            rs.getString("event_type"),
            rs.getString("notify_url"),
            rs.getString("body"),
            rs.getBoolean("delivered"),
            rs.getBoolean("dropped"),
            rs.getBoolean("faults_decided"),
            rs.getInt("scheduled_attempts"),
            nextAt);
      };

  private final SandboxDatabase db;

  public WxNotificationRepository(SandboxDatabase db) {
    this.db = db;
  }

  /** Stores a notification due now; returns its row id. */
  public long insert(
      String notificationId,
      String mchid,
      String outTradeNo,
      String outRefundNo,
      String eventType,
      String notifyUrl,
      String body,
      Instant now) {
    db.jdbc()
        .update(
            "INSERT INTO wx_notifications (notification_id, mchid, out_trade_no, out_refund_no,"
                + " event_type, notify_url, body, next_attempt_at, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            notificationId,
            mchid,
            outTradeNo,
            outRefundNo,
            eventType,
            notifyUrl,
            body,
            now.toEpochMilli(),
            now.toEpochMilli());
    return db.jdbc()
        .queryForObject(
            "SELECT id FROM wx_notifications WHERE notification_id = ?",
            Long.class,
            notificationId);
  }

  public Optional<WxNotification> find(long id) {
    return db
        .jdbc()
        .query("SELECT " + COLUMNS + " FROM wx_notifications WHERE id = ?", ROW, id)
        .stream()
        .findFirst();
  }

  public List<WxNotification> byOutTradeNo(String outTradeNo) {
    return db.jdbc()
        .query(
            "SELECT " + COLUMNS + " FROM wx_notifications WHERE out_trade_no = ? ORDER BY id",
            ROW,
            outTradeNo);
  }

  public List<WxNotification> recent(int limit) {
    return db.jdbc()
        .query("SELECT " + COLUMNS + " FROM wx_notifications ORDER BY id DESC LIMIT ?", ROW, limit);
  }

  public List<Long> dueIds(Instant now) {
    return db.jdbc()
        .queryForList(
            "SELECT id FROM wx_notifications WHERE next_attempt_at <= ?"
                + " ORDER BY next_attempt_at, id",
            Long.class,
            now.toEpochMilli());
  }

  /**
   * Takes a due notification for one attempt (a virtual lease, and a real-time claim), so two
   * schedulers never send the same attempt; whatever settles the attempt lets go.
   */
  public boolean claim(
      long id, Instant now, Instant leaseUntil, Instant realNow, Instant claimedUntil) {
    return db.jdbc()
            .update(
                "UPDATE wx_notifications SET next_attempt_at = ?, claimed_until = ?"
                    + " WHERE id = ? AND next_attempt_at <= ?"
                    + " AND (claimed_until IS NULL OR claimed_until <= ?)",
                leaseUntil.toEpochMilli(),
                claimedUntil.toEpochMilli(),
                id,
                now.toEpochMilli(),
                realNow.toEpochMilli())
        == 1;
  }

  public void recordAttempt(WxNotificationAttempt attempt) {
    db.jdbc()
        .update(
            "INSERT INTO wx_notification_attempts (notification_id, attempted_at, http_status,"
                + " reply) VALUES (?, ?, ?, ?)",
            attempt.notificationId(),
            attempt.at().toEpochMilli(),
            attempt.httpStatus(),
            attempt.reply());
  }

  public void markDelivered(long id) {
    db.jdbc()
        .update(
            "UPDATE wx_notifications SET delivered = TRUE, next_attempt_at = NULL,"
                + " claimed_until = NULL WHERE id = ?",
            id);
  }

  /** Scheduling faults settled: dropped, or due at {@code next}; the claim is let go. */
  public void decideFaults(long id, boolean dropped, Instant next) {
    db.jdbc()
        .update(
            "UPDATE wx_notifications SET faults_decided = TRUE, dropped = ?, next_attempt_at = ?,"
                + " claimed_until = NULL WHERE id = ?",
            dropped,
            next == null ? null : next.toEpochMilli(),
            id);
  }

  public void decideNoFaults(long id) {
    db.jdbc().update("UPDATE wx_notifications SET faults_decided = TRUE WHERE id = ?", id);
  }

  /** After scheduled attempt {@code made} failed: due again at {@code next} (null: never). */
  public boolean reschedule(long id, int made, Instant next) {
    return db.jdbc()
            .update(
                "UPDATE wx_notifications SET scheduled_attempts = ?, next_attempt_at = ?,"
                    + " claimed_until = NULL WHERE id = ? AND scheduled_attempts = ?"
                    + " AND delivered = FALSE",
                made,
                next == null ? null : next.toEpochMilli(),
                id,
                made - 1)
        == 1;
  }

  public Map<Long, List<WxNotificationAttempt>> attempts(List<Long> ids) {
    Map<Long, List<WxNotificationAttempt>> out = new LinkedHashMap<>();
    if (ids.isEmpty()) {
      return out;
    }
    String marks = String.join(", ", Collections.nCopies(ids.size(), "?"));
    db.jdbc()
        .query(
            "SELECT notification_id, attempted_at, http_status, reply FROM wx_notification_attempts"
                + " WHERE notification_id IN ("
                + marks
                + ") ORDER BY id",
            (rs, i) -> {
              int status = rs.getInt("http_status");
              Integer httpStatus = rs.wasNull() ? null : status;
              return new WxNotificationAttempt(
                  rs.getLong("notification_id"),
                  Instant.ofEpochMilli(rs.getLong("attempted_at")),
                  httpStatus,
                  rs.getString("reply"));
            },
            ids.toArray())
        .forEach(a -> out.computeIfAbsent(a.notificationId(), k -> new ArrayList<>()).add(a));
    return out;
  }
}
