package io.paygate.server.apikeys;

import io.paygate.server.api.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/** Every {@code /api} request needs {@code Authorization: Bearer KEY} with a valid key. */
public class ApiKeyFilter extends OncePerRequestFilter {

  private static final String BEARER = "Bearer ";

  private final ApiKeys keys;
  private final JsonMapper json;

  public ApiKeyFilter(ApiKeys keys, JsonMapper json) {
    this.keys = keys;
    // Spring MVC's converters add this mix-in (properties such as code at the top level); a
    // filter's writes do not go through them.
    this.json =
        json.rebuild().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class).build();
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
    if (keys.accepts(presented)) {
      chain.doFilter(request, response);
      return;
    }
    // A filter runs before Spring MVC, so the problem is written here, but built like the API's.
    ProblemDetail problem =
        Problems.of(
            HttpStatus.UNAUTHORIZED,
            "UNAUTHORIZED",
            presented == null
                ? "this route needs the header Authorization: Bearer <API key>"
                : "the API key is not valid");
    problem.setInstance(URI.create(request.getRequestURI()));
    response.setStatus(HttpStatus.UNAUTHORIZED.value());
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    json.writeValue(response.getOutputStream(), problem);
  }
}
