package io.paygate.sandbox.notify;

import io.paygate.sandbox.problems.SandboxProblem;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Control API: the notifies sent and every attempt at them. */
@RestController
public class NotifiesController {

  private final NotifyRepository notifies;
  private final NotifyDelivery delivery;
  private final NotifyViews views;

  public NotifiesController(NotifyRepository notifies, NotifyDelivery delivery, NotifyViews views) {
    this.notifies = notifies;
    this.delivery = delivery;
    this.views = views;
  }

  @GetMapping("/sandbox/api/notifies")
  List<NotifyViews.NotifyView> list(
      @RequestParam(name = "out_trade_no", required = false) String outTradeNo) {
    List<Notify> found =
        outTradeNo == null || outTradeNo.isBlank()
            ? notifies.recent(100)
            : notifies.byOutTradeNo(outTradeNo);
    return views.of(found);
  }

  @PostMapping("/sandbox/api/notifies/{id}/redeliver")
  NotifyViews.NotifyView redeliver(@PathVariable long id) {
    if (notifies.find(id).isEmpty()) {
      throw SandboxProblem.notFound("NOTIFY_NOT_FOUND", "No notify with this id.");
    }
    delivery.redeliver(id);
    return views.of(List.of(notifies.find(id).orElseThrow())).get(0);
  }
}
