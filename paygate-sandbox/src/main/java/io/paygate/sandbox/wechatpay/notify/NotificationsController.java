package io.paygate.sandbox.wechatpay.notify;

import io.paygate.sandbox.problems.SandboxProblem;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** Control API: the offline WeChat Pay's notifications and every attempt at them. */
@RestController
public class NotificationsController {

  private final WxNotificationRepository notifications;
  private final WxNotifications delivery;

  public NotificationsController(WxNotificationRepository notifications, WxNotifications delivery) {
    this.notifications = notifications;
    this.delivery = delivery;
  }

  @GetMapping("/sandbox/wechatpay/api/notifications")
  List<NotificationView> list(
      @RequestParam(name = "out_trade_no", required = false) String outTradeNo) {
    List<WxNotification> found =
        outTradeNo == null || outTradeNo.isBlank()
            ? notifications.recent(100)
            : notifications.byOutTradeNo(outTradeNo);
    return views(found);
  }

  @PostMapping("/sandbox/wechatpay/api/notifications/{id}/redeliver")
  NotificationView redeliver(@PathVariable long id) {
    if (notifications.find(id).isEmpty()) {
      throw SandboxProblem.notFound("NOTIFICATION_NOT_FOUND", "No notification with this id.");
    }
    delivery.redeliver(id);
    return views(List.of(notifications.find(id).orElseThrow())).get(0);
  }

  private List<NotificationView> views(List<WxNotification> found) {
    Map<Long, List<WxNotificationAttempt>> attempts =
        notifications.attempts(found.stream().map(WxNotification::id).toList());
    return found.stream()
        .map(
            n ->
                new NotificationView(
                    n.id(),
                    n.notificationId(),
                    n.mchid(),
                    n.outTradeNo(),
                    n.outRefundNo(),
                    n.eventType(),
                    n.notifyUrl(),
                    n.delivered(),
                    n.dropped(),
                    n.nextAttemptAt() == null ? null : n.nextAttemptAt().toString(),
                    attempts.getOrDefault(n.id(), List.of()).stream()
                        .map(a -> new AttemptView(a.at().toString(), a.httpStatus(), a.reply()))
                        .toList()))
        .toList();
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record NotificationView(
      long id,
      String notificationId,
      String mchid,
      String outTradeNo,
      String outRefundNo,
      String eventType,
      String notifyUrl,
      boolean delivered,
      boolean dropped,
      String nextAttemptAt,
      List<AttemptView> attempts) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record AttemptView(String at, Integer httpStatus, String reply) {}
}
