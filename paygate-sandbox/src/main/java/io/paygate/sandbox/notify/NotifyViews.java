package io.paygate.sandbox.notify;

import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** Notifies with every attempt at them, for the control API and the sandbox's home page. */
@Component
public class NotifyViews {

  private final NotifyRepository notifies;

  public NotifyViews(NotifyRepository notifies) {
    this.notifies = notifies;
  }

  /** The views of these notifies, in their order (their attempts read in one query). */
  public List<NotifyView> of(List<Notify> found) {
    Map<Long, List<NotifyAttempt>> attempts =
        notifies.attempts(found.stream().map(Notify::id).toList());
    return found.stream().map(n -> view(n, attempts.getOrDefault(n.id(), List.of()))).toList();
  }

  private static NotifyView view(Notify n, List<NotifyAttempt> attempts) {
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
        attempts.stream()
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
