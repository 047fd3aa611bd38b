package io.paygate.server.apikeys;

import io.paygate.server.api.FilterProblems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every {@code /api} request needs {@code Authorization: Bearer KEY} with a live key (401 {@code
 * UNAUTHORIZED}) whose scope covers it (403 {@code SCOPE_REQUIRED}).
 */
public class ApiKeyFilter extends OncePerRequestFilter {

  private static final String BEARER = "Bearer ";

  /** The request attribute naming who called: what idempotency keys are scoped to. */
  public static final String CALLER = ApiKeyFilter.class.getName() + ".caller";

  /** The request attribute holding the {@link ApiCaller} itself, for the apps it may use. */
  public static final String API_CALLER = ApiKeyFilter.class.getName() + ".apiCaller";

  private final ApiKeys keys;
  private final FilterProblems problems;

  public ApiKeyFilter(ApiKeys keys, JsonMapper json) {
    this.keys = keys;
    this.problems = new FilterProblems(json);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    String presented =
        header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
            ? header.substring(BEARER.length()).trim()
            : null;
    Optional<ApiCaller> caller = keys.authenticate(presented);
    if (caller.isPresent()) {
      String path = request.getRequestURI().substring(request.getContextPath().length());
      Scope needed = Scope.neededFor(request.getMethod(), path);
      if (!caller.get().scope().covers(needed)) {
        problems.write(
            request,
            response,
            HttpStatus.FORBIDDEN,
            "SCOPE_REQUIRED",
            "this API key's scope is "
                + caller.get().scope().wire()
                + "; this request needs "
                + needed.wire());
        return;
      }
      request.setAttribute(CALLER, caller.get().id());
      request.setAttribute(API_CALLER, caller.get());
      chain.doFilter(request, response);
      return;
    }
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    problems.write(
        request,
        response,
        HttpStatus.UNAUTHORIZED,
        "UNAUTHORIZED",
        presented == null
            ? "this route needs the header Authorization: Bearer <API key>"
            : "the API key is not valid");
  }
}
