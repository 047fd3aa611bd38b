package io.paygate.server.apikeys;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What an API key may do, each scope including the ones before it: {@code read} reads; {@code
 * write} also makes payments, refunds and reconciliations; {@code admin} also keys, webhook
 * endpoints and redeliveries. Each route declares the one it needs ({@code api.ReadScope} and the
 * others).
 */
public enum Scope {
  READ,
  WRITE,
  ADMIN;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Scope parse(String text) {
    for (Scope scope : values()) {
      if (scope.wire().equals(text)) {
        return scope;
      }
    }
    return null;
  }

  boolean covers(Scope needed) {
    return compareTo(needed) >= 0;
  }

  /** The authority a route's declaration ({@code @ReadScope} and the others) asks for. */
  public String authority() {
    return "SCOPE_" + wire();
  }

  /** The authorities of a key of this scope: its own and those of every scope it includes. */
  List<String> authorities() {
    return Arrays.stream(values()).filter(this::covers).map(Scope::authority).toList();
  }
}
