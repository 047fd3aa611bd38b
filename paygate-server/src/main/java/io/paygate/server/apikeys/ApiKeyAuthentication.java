package io.paygate.server.apikeys;

import java.util.ArrayList;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An API key as Spring Security holds it: before it is checked, the bearer key presented; after,
 * the {@link ApiCaller} with its scopes ({@code SCOPE_read}, {@code SCOPE_write}, {@code
 * SCOPE_admin}: a scope's own and those it includes) and apps ({@code APP_<name>}, or {@code APP_*}
 * for a key of every app) as authorities. The key itself is not kept once checked.
 */
public final class ApiKeyAuthentication extends AbstractAuthenticationToken {

  /** The app authority of a key that is not limited to apps. */
  public static final String EVERY_APP = "APP_*";

  private final String presented;
  private final ApiCaller caller;

  private ApiKeyAuthentication(
      String presented, ApiCaller caller, List<? extends GrantedAuthority> authorities) {
    super(authorities);
    this.presented = presented;
    this.caller = caller;
    setAuthenticated(caller != null);
  }

  /** A key as presented, to be checked. */
  static ApiKeyAuthentication presented(String key) {
    return new ApiKeyAuthentication(key, null, List.of());
  }

  /** A live key's caller. */
  static ApiKeyAuthentication of(ApiCaller caller) {
    List<GrantedAuthority> authorities = new ArrayList<>();
    caller.scope().authorities().forEach(a -> authorities.add(new SimpleGrantedAuthority(a)));
    if (caller.apps().isEmpty()) {
      authorities.add(new SimpleGrantedAuthority(EVERY_APP));
    }
    caller.apps().stream()
        .sorted()
        .forEach(app -> authorities.add(new SimpleGrantedAuthority("APP_" + app)));
    return new ApiKeyAuthentication(null, caller, authorities);
  }

  /** The presented key before the check; null after. */
  @Override
  public String getCredentials() {
    return presented;
  }

  /** The {@link ApiCaller} once checked; null before. */
  @Override
  public ApiCaller getPrincipal() {
    return caller;
  }

  @Override
  public String getName() {
    return caller == null ? "" : caller.id();
  }
}
