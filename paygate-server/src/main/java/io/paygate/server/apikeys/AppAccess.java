package io.paygate.server.apikeys;

import io.paygate.core.errors.ErrorCode;
import io.paygate.core.errors.PayGateException;
import io.paygate.core.payments.Payment;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an API key limited to some apps may see and do: another app's payments (and their refunds,
 * events, reconciliations and the webhook endpoints that hear them) do not exist for it, and it
 * cannot take a payment, reconcile a bill or make an endpoint or key for another app.
 */
public final class AppAccess {

  private AppAccess() {}

  /** The calling key, from the request's authentication; null outside an API request. */
  private static ApiCaller caller(HttpServletRequest request) {
    return ApiCaller.current().orElse(null);
  }

  /** The payment, if the calling key may see its app; else 404 as for a payment that is not. */
  public static Payment visible(HttpServletRequest request, Payment payment) {
    ApiCaller caller = caller(request);
    if (caller != null && !caller.mayUse(payment.app())) {
      throw PayGateException.paymentNotFound(payment.outTradeNo());
    }
    return payment;
  }

  /** 403 APP_NOT_ALLOWED unless the calling key may use the app. */
  public static void mayUse(HttpServletRequest request, String app) {
    ApiCaller caller = caller(request);
    if (caller != null && !caller.mayUse(app)) {
      throw new PayGateException(
          ErrorCode.APP_NOT_ALLOWED,
          "this API key is limited to the apps " + caller.apps() + "; not " + app,
          "app",
          null);
    }
  }

  /**
   * The apps a listing covers: the one asked for (which the key must be allowed), else the key's
   * apps; empty means every app.
   */
  public static Set<String> listed(HttpServletRequest request, String app) {
    ApiCaller caller = caller(request);
    if (app != null && !app.isBlank()) {
      mayUse(request, app.strip());
      return Set.of(app.strip());
    }
    return caller == null ? Set.of() : new TreeSet<>(caller.apps());
  }

  /** The apps the calling key is limited to; empty for a key of every app (or no key). */
  public static Set<String> keyApps() {
    return ApiCaller.current().map(ApiCaller::apps).orElse(Set.of());
  }
}
