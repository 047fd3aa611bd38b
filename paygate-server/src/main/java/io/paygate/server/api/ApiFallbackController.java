package io.paygate.server.api;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;

/** Any {@code /api} path no route takes: a 404 problem detail rather than an HTML page. */
@ApiController
@Hidden
public class ApiFallbackController {

  @ReadScope
  @RequestMapping("/api/**")
  public ResponseEntity<ProblemDetail> noSuchRoute() {
    return Problems.response(
        Problems.of(HttpStatus.NOT_FOUND, "NOT_FOUND", "no API route has this path and method"));
  }
}
