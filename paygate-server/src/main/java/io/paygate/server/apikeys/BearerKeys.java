package io.paygate.server.apikeys;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * {@code Authorization: Bearer KEY} as a key to check; no bearer header is no authentication (the
 * request stays anonymous and is refused with 401 by {@link ApiKeyProblems}).
 */
final class BearerKeys implements AuthenticationConverter {

  private static final String BEARER = "Bearer ";

  @Override
  public ApiKeyAuthentication convert(HttpServletRequest request) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return null;
    }
    return ApiKeyAuthentication.presented(header.substring(BEARER.length()).trim());
  }
}
