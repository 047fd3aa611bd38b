package io.paygate.sandbox.faults;

import java.math.BigDecimal;
import java.util.List;

/**
 * One fault rule.
 *
 * @param methods gateway methods it is limited to; empty means every method (gateway rules only)
 * @param share the probability (0.0-1.0) that a matching call or notify is hit
 * @param count at most this many hits ("the next N"), null for no limit
 * @param remaining hits left of {@code count}, null for no limit
 * @param seconds hold_seconds (timeout) or delay_seconds (delay); null for other kinds
 */
public record FaultRule(
    long id,
    FaultKind kind,
    List<String> methods,
    BigDecimal share,
    Integer count,
    Integer remaining,
    Integer seconds) {

  public boolean matchesMethod(String method) {
    return methods.isEmpty() || methods.contains(method);
  }
}
