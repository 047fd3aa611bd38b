package io.paygate.server.api;

import io.paygate.core.errors.PayGateException;
import io.paygate.core.money.Money;

/** Reads request fields strictly, naming the field when one is wrong. */
public final class RequestFields {

  private RequestFields() {}

  public static Money money(String field, String value) {
    if (value == null || value.isBlank()) {
      throw PayGateException.invalid(field, field + " is required");
    }
    try {
      return Money.parse(value.trim());
    } catch (IllegalArgumentException malformed) {
      throw PayGateException.invalid(
          field, field + " must be a decimal string in yuan with at most two decimals, like 12.30");
    }
  }

  /** Null for a missing or blank value. */
  public static String optional(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
