package io.paygate.sandbox.problems;

import org.springframework.http.HttpStatus;

/** A caller's mistake on a control route, answered as a problem detail with a stable code. */
public class SandboxProblem extends RuntimeException {

  private final HttpStatus status;
  private final String code;
  private final String field;

  public SandboxProblem(HttpStatus status, String code, String detail, String field) {
    super(detail);
    this.status = status;
    this.code = code;
    this.field = field;
  }

  public static SandboxProblem badRequest(String code, String detail, String field) {
    return new SandboxProblem(HttpStatus.BAD_REQUEST, code, detail, field);
  }

  public static SandboxProblem notFound(String code, String detail) {
    return new SandboxProblem(HttpStatus.NOT_FOUND, code, detail, null);
  }

  public static SandboxProblem conflict(String code, String detail) {
    return new SandboxProblem(HttpStatus.CONFLICT, code, detail, null);
  }

  public HttpStatus status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String field() {
    return field;
  }
}
