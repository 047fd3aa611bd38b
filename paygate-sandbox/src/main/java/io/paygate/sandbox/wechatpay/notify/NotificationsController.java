package io.paygate.sandbox.wechatpay.notify;

import io.paygate.sandbox.problems.SandboxProblem;
import io.paygate.sandbox.wechatpay.notify.WxNotificationViews.NotificationView;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Control API: the offline WeChat Pay's notifications and every attempt at them. */
@RestController
public class NotificationsController {

  private final WxNotificationRepository notifications;
  private final WxNotifications delivery;
  private final WxNotificationViews views;

  public NotificationsController(
      WxNotificationRepository notifications, WxNotifications delivery, WxNotificationViews views) {
    this.notifications = notifications;
    this.delivery = delivery;
    this.views = views;
  }

  @GetMapping("/sandbox/wechatpay/api/notifications")
  List<NotificationView> list(
      @RequestParam(name = "out_trade_no", required = false) String outTradeNo) {
    List<WxNotification> found =
        outTradeNo == null || outTradeNo.isBlank()
            ? notifications.recent(100)
            : notifications.byOutTradeNo(outTradeNo);
    return views.of(found);
  }

  /** Sends the notification once more now (same id and body), outside the schedule. */
  @PostMapping("/sandbox/wechatpay/api/notifications/{id}/redeliver")
  NotificationView redeliver(@PathVariable long id) {
    if (notifications.find(id).isEmpty()) {
      throw SandboxProblem.notFound("NOTIFICATION_NOT_FOUND", "No notification with this id.");
    }
    delivery.redeliver(id);
    return views.of(List.of(notifications.find(id).orElseThrow())).get(0);
  }
}
