package io.paygate.sandbox.problems;

import io.paygate.sandbox.wire.Money;
import java.math.BigDecimal;

/** Small validation helpers for control-API bodies. */
public final class Require {

  private Require() {}

  public static String text(String value, String field) {
    if (value == null || value.isBlank()) {
      throw SandboxProblem.badRequest("MISSING_FIELD", field + " is required.", field);
    }
    return value.trim();
  }

  /** A non-negative yuan amount with at most two decimals. */
  public static BigDecimal balance(String value, String field) {
    return Money.parse(text(value, field))
        .orElseThrow(
            () ->
                SandboxProblem.badRequest(
                    "INVALID_AMOUNT",
                    field + " must be a non-negative amount with at most 2 decimals.",
                    field));
  }
}
