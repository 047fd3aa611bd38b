package io.paygate.sandbox.notify;

import io.paygate.sandbox.control.SandboxProblem;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** Control API: the notifies sent and every attempt at them. */
@RestController
public class NotifiesController {

  private final NotifyRepository notifies;
  private final NotifyDelivery delivery;

  public NotifiesController(NotifyRepository notifies, NotifyDelivery delivery) {
    this.notifies = notifies;
    this.delivery = delivery;
  }

  @GetMapping("/sandbox/api/notifies")
  List<NotifyView> list(@RequestParam(name = "out_trade_no", required = false) String outTradeNo) {
    List<Notify> found =
        outTradeNo == null || outTradeNo.isBlank()
            ? notifies.recent(100)
            : notifies.byOutTradeNo(outTradeNo);
    return found.stream().map(this::view).toList();
  }

  @PostMapping("/sandbox/api/notifies/{id}/redeliver")
  NotifyView redeliver(@PathVariable long id) {
    if (notifies.find(id).isEmpty()) {
      throw SandboxProblem.notFound("NOTIFY_NOT_FOUND", "No notify with this id.");
    }
    delivery.redeliver(id);
    return view(notifies.find(id).orElseThrow());
  }

  public NotifyView view(Notify n) {
    return new NotifyView(
        n.id(),
        n.notifyId(),
        n.outTradeNo(),
        n.notifyUrl(),
        n.tradeStatus(),
        n.delivered(),
        n.dropped(),
        n.held(),
        n.nextAttemptAt() == null ? null : n.nextAttemptAt().toString(),
        notifies.attempts(n.id()).stream()
            .map(a -> new AttemptView(a.at().toString(), a.httpStatus(), a.reply()))
            .toList());
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record NotifyView(
      long id,
      String notifyId,
      String outTradeNo,
      String notifyUrl,
      String tradeStatus,
      boolean delivered,
      boolean dropped,
      boolean held,
      String nextAttemptAt,
      List<AttemptView> attempts) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record AttemptView(String at, Integer httpStatus, String reply) {}
}
