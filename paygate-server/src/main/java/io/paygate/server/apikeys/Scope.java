package io.paygate.server.apikeys;

import java.util.Locale;

/**
 * What an API key may do, each scope including the ones before it: {@code read} GETs only; {@code
 * write} also makes payments, refunds and reconciliations; {@code admin} also keys and webhooks.
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

  /** The scope a request needs, by its method and path under {@code /api}. */
  static Scope neededFor(String method, String path) {
    if (path.startsWith("/api/v1/api-keys") || path.startsWith("/api/v1/webhook-endpoints")) {
      return ADMIN;
    }
    if (path.startsWith("/api/v1/events/") && path.endsWith("/redeliver")) {
      return ADMIN;
    }
    return method.equals("GET") || method.equals("HEAD") ? READ : WRITE;
  }
}
