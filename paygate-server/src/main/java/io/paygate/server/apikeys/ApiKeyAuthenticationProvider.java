package io.paygate.server.apikeys;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

/** Checks a presented bearer key against {@link ApiKeys}: a live key, or refused. */
final class ApiKeyAuthenticationProvider implements AuthenticationProvider {

  private final ApiKeys keys;

  ApiKeyAuthenticationProvider(ApiKeys keys) {
    this.keys = keys;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String presented = ((ApiKeyAuthentication) authentication).getCredentials();
    return keys.authenticate(presented)
        .map(ApiKeyAuthentication::of)
        .orElseThrow(() -> new BadCredentialsException("the API key is not valid"));
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return ApiKeyAuthentication.class.isAssignableFrom(authentication);
  }
}
