package io.paygate.sandbox.faults;

import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Notify faults. Scheduling faults (drop, delay, reorder) are decided once, at a notify's first
 * attempt, first hit wins; sending faults (duplicate, gbk, bad_signature) are rolled per attempt
 * and combine.
 */
@Component
public class NotifyFaults {

  private final FaultRepository rules;

  public NotifyFaults(FaultRepository rules) {
    this.rules = rules;
  }

  public sealed interface Scheduling {}

  public record SendNow() implements Scheduling {}

  public record Drop() implements Scheduling {}

  public record Delay(Duration by) implements Scheduling {}

  public record HoldBack() implements Scheduling {}

  /** How one attempt is sent. */
  public record Sending(boolean duplicate, boolean gbk, boolean badSignature) {}

  public Scheduling scheduling() {
    for (FaultRule rule : rules.all(FaultScope.NOTIFY)) {
      Scheduling scheduling =
          switch (rule.kind()) {
            case DROP -> new Drop();
            case DELAY -> new Delay(Duration.ofSeconds(rule.seconds()));
            case REORDER -> new HoldBack();
            default -> null;
          };
      if (scheduling != null && FaultDice.hits(rule.share()) && rules.spend(rule)) {
        return scheduling;
      }
    }
    return new SendNow();
  }

  public Sending sending() {
    boolean duplicate = false;
    boolean gbk = false;
    boolean bad = false;
    for (FaultRule rule : rules.all(FaultScope.NOTIFY)) {
      boolean already =
          switch (rule.kind()) {
            case DUPLICATE -> duplicate;
            case GBK -> gbk;
            case NOTIFY_BAD_SIGNATURE -> bad;
            default -> true;
          };
      if (already || !FaultDice.hits(rule.share()) || !rules.spend(rule)) {
        continue;
      }
      switch (rule.kind()) {
        case DUPLICATE -> duplicate = true;
        case GBK -> gbk = true;
        default -> bad = true;
      }
    }
    return new Sending(duplicate, gbk, bad);
  }
}
