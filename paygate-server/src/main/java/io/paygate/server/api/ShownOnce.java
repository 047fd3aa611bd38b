package io.paygate.server.api;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Marks an answer that shows a secret once (a new API key, a webhook endpoint's secret): such an
 * answer is never stored, so an {@code Idempotency-Key} keeps no secret in the clear; a retry under
 * the key is told the secret was shown once.
 */
public final class ShownOnce {

  private static final String ATTRIBUTE = ShownOnce.class.getName();

  private ShownOnce() {}

  /** Called by the handler whose answer carries the secret. */
  public static void mark() {
    RequestContextHolder.currentRequestAttributes()
        .setAttribute(ATTRIBUTE, Boolean.TRUE, RequestAttributes.SCOPE_REQUEST);
  }

  public static boolean marked(HttpServletRequest request) {
    return request.getAttribute(ATTRIBUTE) != null;
  }
}
