package io.paygate.server.apikeys;

import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who called the API: the principal of the request's {@link ApiKeyAuthentication}.
 *
 * @param id a stable name that is not the key: an API key's id, or {@code key_<digest prefix>} for
 *     the bootstrap or development key
 * @param apps the merchant's apps the key may use; empty for every app
 */
public record ApiCaller(String id, Scope scope, Set<String> apps) {

  public ApiCaller {
    apps = Set.copyOf(apps);
  }

  /** The API key that authenticated the current request, if one did. */
  public static Optional<ApiCaller> current() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    return authentication != null
            && authentication.isAuthenticated()
            && authentication.getPrincipal() instanceof ApiCaller caller
        ? Optional.of(caller)
        : Optional.empty();
  }

  public boolean mayUse(String app) {
    return apps.isEmpty() || apps.contains(app);
  }

  /** Every app limited to, or every app at all. */
  boolean limited() {
    return !apps.isEmpty();
  }
}
