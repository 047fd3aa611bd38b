package io.paygate.sandbox.wechatpay.notify;

import io.paygate.sandbox.clock.DueWork;
import io.paygate.sandbox.clock.VirtualClock;
import io.paygate.sandbox.database.SandboxDatabase;
import io.paygate.sandbox.faults.NotifyFaults;
import io.paygate.sandbox.wechatpay.keys.WxKeys;
import io.paygate.sandbox.wechatpay.merchants.Merchant;
import io.paygate.sandbox.wechatpay.merchants.WxMerchants;
import io.paygate.sandbox.wechatpay.wire.AesGcm;
import io.paygate.sandbox.wechatpay.wire.WxIds;
import io.paygate.sandbox.wechatpay.wire.WxTime;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Queues and delivers notifications: the resource encrypted with the merchant's APIv3 key, each
 * attempt signed afresh with the wall clock's timestamp (the SDKs refuse one five minutes off) by
 * the key the merchant's mode names; the first attempt once the change commits, then on WeChat
 * Pay's schedule on the virtual clock until a 2xx. The sandbox's notify faults act here too: {@code
 * drop}, {@code delay} (and {@code reorder}, as a delay of one retry interval) when the first
 * attempt is due; {@code duplicate} and {@code bad_signature} on any attempt ({@code gbk} is
 * Alipay's only).
 *
 * <p>Per WeChat Pay API v3 支付成功回调通知 / 退款结果通知 and the notification signature rules
 * (https://pay.weixin.qq.com/doc/v3/merchant/4016241880).
 */
@Service
public class WxNotifications implements DueWork {

  private static final Duration LEASE = Duration.ofMinutes(1);
  private static final Duration CLAIM = Duration.ofMinutes(5);
  static final String DROPPED = "dropped (fault injection)";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final WxNotificationRepository notifications;
  private final WxNotificationSender sender;
  private final WxMerchants merchants;
  private final VirtualClock clock;
  private final NotifyFaults faults;
  private final SandboxDatabase db;

  public WxNotifications(
      WxNotificationRepository notifications,
      WxNotificationSender sender,
      WxMerchants merchants,
      VirtualClock clock,
      NotifyFaults faults,
      SandboxDatabase db) {
    this.notifications = notifications;
    this.sender = sender;
    this.merchants = merchants;
    this.clock = clock;
    this.faults = faults;
    this.db = db;
  }

  /** What happened, to be told: {@code TRANSACTION.SUCCESS} or {@code REFUND.SUCCESS} etc. */
  public record Event(
      String eventType,
      String summary,
      String originalType,
      String outTradeNo,
      String outRefundNo,
      String notifyUrl,
      Map<String, Object> resource) {}

  /**
   * Queues a notification in the current transaction; its first attempt goes out once that commits
   * (never if it rolls back).
   */
  public void queue(Merchant merchant, Event event) {
    Instant now = clock.now();
    AesGcm.Encrypted sealed =
        AesGcm.encrypt(
            merchant.apiV3Key(), event.originalType(), JSON.writeValueAsString(event.resource()));
    String id = UUID.randomUUID().toString();
    Map<String, Object> resource = new LinkedHashMap<>();
    resource.put("original_type", event.originalType());
    resource.put("algorithm", AesGcm.ALGORITHM);
    resource.put("ciphertext", sealed.ciphertext());
    resource.put("associated_data", sealed.associatedData());
    resource.put("nonce", sealed.nonce());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", id);
    body.put("create_time", WxTime.format(now));
    body.put("resource_type", "encrypt-resource");
    body.put("event_type", event.eventType());
    body.put("summary", event.summary());
    body.put("resource", resource);
    long row =
        notifications.insert(
            id,
            merchant.mchid(),
            event.outTradeNo(),
            event.outRefundNo(),
            event.eventType(),
            event.notifyUrl(),
            JSON.writeValueAsString(body),
            now);
    db.afterCommit(() -> deliverIfDue(row));
  }

  /** The scheduled attempt of one notification, if it is (still) due; false if not taken. */
  public boolean deliverIfDue(long id) {
    Instant now = clock.now();
    Instant realNow = Instant.now();
    if (!notifications.claim(id, now, now.plus(LEASE), realNow, realNow.plus(CLAIM))) {
      return false;
    }
    WxNotification notification = notifications.find(id).orElseThrow();
    if (!notification.faultsDecided() && notification.scheduledAttempts() == 0) {
      NotifyFaults.Scheduling scheduling = faults.scheduling();
      if (scheduling instanceof NotifyFaults.Drop) {
        notifications.decideFaults(id, true, null);
        notifications.recordAttempt(new WxNotificationAttempt(id, now, null, DROPPED));
        return true;
      }
      if (scheduling instanceof NotifyFaults.Delay delay) {
        notifications.decideFaults(id, false, now.plus(delay.by()));
        return true;
      }
      if (scheduling instanceof NotifyFaults.HoldBack) {
        notifications.decideFaults(id, false, now.plus(WxRetrySchedule.INTERVALS.get(0)));
        return true;
      }
      notifications.decideNoFaults(id);
    }
    if (attempt(notification, now)) {
      notifications.markDelivered(id);
    } else {
      int made = notification.scheduledAttempts() + 1;
      notifications.reschedule(id, made, WxRetrySchedule.next(made, now).orElse(null));
    }
    return true;
  }

  /** Sends the same notification (same id) once more, now, outside the schedule. */
  public boolean redeliver(long id) {
    WxNotification notification = notifications.find(id).orElseThrow();
    boolean acknowledged = attempt(notification, clock.now());
    if (acknowledged) {
      notifications.markDelivered(id);
    }
    return acknowledged;
  }

  @Override
  public int runDue(Instant now) {
    int taken = 0;
    for (long id : notifications.dueIds(now)) {
      if (deliverIfDue(id)) {
        taken++;
      }
    }
    return taken;
  }

  private boolean attempt(WxNotification notification, Instant now) {
    Merchant merchant = merchants.find(notification.mchid()).orElseThrow();
    WxMerchants.SigningKey key = merchants.signingKey(merchant, null);
    NotifyFaults.Sending sending = faults.sending();
    String timestamp = Long.toString(Instant.now().getEpochSecond());
    String nonce = WxIds.hex(32).toUpperCase(Locale.ROOT);
    String signedBody = sending.badSignature() ? notification.body() + " " : notification.body();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Wechatpay-Serial", key.serial());
    headers.put(
        "Wechatpay-Signature",
        WxKeys.sign(key.privateKey(), timestamp + "\n" + nonce + "\n" + signedBody + "\n"));
    headers.put("Wechatpay-Timestamp", timestamp);
    headers.put("Wechatpay-Nonce", nonce);
    headers.put("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048");
    boolean acknowledged = false;
    for (int i = 0; i < (sending.duplicate() ? 2 : 1); i++) {
      WxNotificationSender.Reply reply =
          sender.send(notification.notifyUrl(), headers, notification.body());
      notifications.recordAttempt(
          new WxNotificationAttempt(notification.id(), now, reply.httpStatus(), reply.body()));
      acknowledged |= reply.acknowledged();
    }
    return acknowledged;
  }
}
