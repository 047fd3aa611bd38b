package io.paygate.server.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import tools.jackson.databind.json.JsonMapper;

/**
 * Problem details written by a servlet filter, which runs before Spring MVC: built and shaped like
 * the API's own ({@link Problems}), so a shop cannot tell where a refusal came from.
 */
public final class FilterProblems {

  private final JsonMapper json;

  public FilterProblems(JsonMapper json) {
    // Spring MVC's converters add this mix-in (properties such as code at the top level); a
    // filter's writes do not go through them.
    this.json =
        json.rebuild().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class).build();
  }

  public void write(
      HttpServletRequest request,
      HttpServletResponse response,
      HttpStatus status,
      String code,
      String detail)
      throws IOException {
    ProblemDetail problem = Problems.of(status, code, detail);
    try {
      problem.setInstance(URI.create(request.getRequestURI()));
    } catch (IllegalArgumentException unwritable) {
      // A path refused for its form may not even be a URI: the problem goes without it.
    }
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    json.writeValue(response.getOutputStream(), problem);
  }
}
