package io.paygate.server.apikeys;

import io.paygate.server.api.FilterProblems;
import io.paygate.server.api.RouteAuthorization;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * The API's refusals of a caller as problem details: 401 {@code UNAUTHORIZED} with {@code
 * WWW-Authenticate: Bearer} for no key or a key that is not live, 403 {@code SCOPE_REQUIRED} naming
 * the scope the route declares.
 */
final class ApiKeyProblems
    implements AuthenticationEntryPoint, AuthenticationFailureHandler, AccessDeniedHandler {

  private final FilterProblems problems;

  ApiKeyProblems(FilterProblems problems) {
    this.problems = problems;
  }

  /** No key: the request reached a route anonymously. */
  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException missing)
      throws IOException {
    unauthorized(request, response, "this route needs the header Authorization: Bearer <API key>");
  }

  /** A key that is not live (unknown or revoked). */
  @Override
  public void onAuthenticationFailure(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException refused)
      throws IOException {
    unauthorized(request, response, "the API key is not valid");
  }

  private void unauthorized(HttpServletRequest request, HttpServletResponse response, String detail)
      throws IOException {
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    problems.write(request, response, HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", detail);
  }

  @Override
  public void handle(
      HttpServletRequest request,
      HttpServletResponse response,
      org.springframework.security.access.AccessDeniedException denied)
      throws IOException {
    Object result =
        denied instanceof AuthorizationDeniedException decided
            ? decided.getAuthorizationResult()
            : null;
    if (result instanceof RouteAuthorization.NoRoute) {
      problems.write(
          request,
          response,
          HttpStatus.NOT_FOUND,
          "NOT_FOUND",
          "no API route has this path and method");
      return;
    }
    String needed = result instanceof RouteAuthorization.ScopeRequired s ? s.scope() : null;
    String detail =
        ApiCaller.current()
            .map(caller -> "this API key's scope is " + caller.scope().wire())
            .orElse("this API key");
    problems.write(
        request,
        response,
        HttpStatus.FORBIDDEN,
        "SCOPE_REQUIRED",
        needed == null
            ? detail + "; this route declares no scope and is open to no key"
            : detail + "; this request needs " + needed);
  }
}
