package io.paygate.sandbox.wechatpay.notify;

import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** Notifications with every attempt at them, for the control API and the WeChat Pay page. */
@Component
public class WxNotificationViews {

  private final WxNotificationRepository notifications;

  public WxNotificationViews(WxNotificationRepository notifications) {
    this.notifications = notifications;
  }

  /** The views of these notifications, in their order (their attempts read in one query). */
  public List<NotificationView> of(List<WxNotification> found) {
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
  public record NotificationView(
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
  public record AttemptView(String at, Integer httpStatus, String reply) {}
}
