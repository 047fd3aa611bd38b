package io.paygate.sandbox.problems;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Problem details for the sandbox's own controllers only; the host server is left alone. */
@RestControllerAdvice(basePackages = "io.paygate.sandbox")
public class SandboxProblemAdvice {

  @ExceptionHandler(SandboxProblem.class)
  ProblemDetail problem(SandboxProblem problem) {
    ProblemDetail detail = ProblemDetail.forStatusAndDetail(problem.status(), problem.getMessage());
    detail.setProperty("code", problem.code());
    if (problem.field() != null) {
      detail.setProperty("field", problem.field());
    }
    return detail;
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ProblemDetail unreadable(HttpMessageNotReadableException e) {
    return coded(HttpStatus.BAD_REQUEST, "MALFORMED_BODY", "The request body is not valid JSON.");
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ProblemDetail mediaType(HttpMediaTypeNotSupportedException e) {
    return coded(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE", "Send application/json.");
  }

  @ExceptionHandler({
    MethodArgumentTypeMismatchException.class,
    MissingServletRequestParameterException.class
  })
  ProblemDetail badParameter(Exception e) {
    return coded(HttpStatus.BAD_REQUEST, "INVALID_PARAMETER", e.getMessage());
  }

  private static ProblemDetail coded(HttpStatus status, String code, String message) {
    ProblemDetail detail = ProblemDetail.forStatusAndDetail(status, message);
    detail.setProperty("code", code);
    return detail;
  }
}
