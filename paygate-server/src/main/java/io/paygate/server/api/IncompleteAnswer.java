package io.paygate.server.api;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Marks a successful answer that lacks a part the channel could not give just now (a payment's QR
 * code or checkout): it is not kept for an Idempotency-Key, so the retry runs again, under the
 * numbers the key bound, and asks for the part again rather than hearing this answer.
 */
public final class IncompleteAnswer {

  private static final String ATTRIBUTE = IncompleteAnswer.class.getName();

  private IncompleteAnswer() {}

  /** Called by the handler whose answer goes without the part. */
  public static void mark() {
    RequestContextHolder.currentRequestAttributes()
        .setAttribute(ATTRIBUTE, Boolean.TRUE, RequestAttributes.SCOPE_REQUEST);
  }

  public static boolean marked(HttpServletRequest request) {
    return request.getAttribute(ATTRIBUTE) != null;
  }
}
