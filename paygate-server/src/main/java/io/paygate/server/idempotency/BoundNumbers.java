package io.paygate.server.idempotency;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * The Alipay numbers an {@code Idempotency-Key} bound on its first run, before any call: a payment
 * made under the key takes {@code outTradeNo}, a refund {@code outRequestNo}, unless the request
 * names its own. Every run of the key sees the same numbers, so a retry resumes the first run's
 * payment or refund instead of starting another.
 *
 * @param resumed whether an earlier run under the key may have begun the work (this run resumes it)
 */
public record BoundNumbers(String outTradeNo, String outRequestNo, boolean resumed) {

  static final String ATTRIBUTE = BoundNumbers.class.getName();

  /** The numbers of the request's key; empty for a request without one. */
  public static Optional<BoundNumbers> of(HttpServletRequest request) {
    return Optional.ofNullable((BoundNumbers) request.getAttribute(ATTRIBUTE));
  }

  /** The request's own number if it names one, else the key's. */
  public static String outTradeNo(HttpServletRequest request, String named) {
    return named != null ? named : of(request).map(BoundNumbers::outTradeNo).orElse(null);
  }

  /** The request's own number if it names one, else the key's. */
  public static String outRequestNo(HttpServletRequest request, String named) {
    return named != null ? named : of(request).map(BoundNumbers::outRequestNo).orElse(null);
  }

  /** Whether this request runs again under a key an earlier run may have begun work under. */
  public static boolean resumes(HttpServletRequest request) {
    return of(request).map(BoundNumbers::resumed).orElse(false);
  }
}
