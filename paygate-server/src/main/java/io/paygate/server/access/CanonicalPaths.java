package io.paygate.server.access;

import io.paygate.server.api.FilterProblems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Only paths written one way get past Spring Security: Spring Security's {@link StrictHttpFirewall}
 * (which refuses {@code //}, {@code /./}, {@code /../}, {@code ;} parameters, a backslash and an
 * encoded {@code /}, {@code .} or {@code %}) and what it lets through: a letter, digit or {@code
 * -._} written percent-encoded ({@code /api/v1/%61pi-keys}), which the router decodes but nothing
 * needs, and {@code /api} in another case. A refused {@code /api} request is answered with a 400
 * problem detail {@code NON_CANONICAL_PATH}; any other with a bare 400, as Spring Security does.
 */
final class CanonicalPaths extends StrictHttpFirewall implements RequestRejectedHandler {

  /**
   * A percent-encoded unreserved character (RFC 3986 section 2.3): ALPHA, DIGIT, -, . and _. The
   * fourth, {@code ~}, is let through encoded: Java's {@code URLEncoder} (PayGate's own client
   * among its users) and older encoders write it as {@code %7E}, and no route's name has one.
   */
  private static final Pattern ENCODED_UNRESERVED =
      Pattern.compile("%(3[0-9]|[46][1-9a-fA-F]|[57][0-9aA]|2[dDeE]|5[fF])");

  static final String CODE = "NON_CANONICAL_PATH";

  private final FilterProblems problems;

  CanonicalPaths(FilterProblems problems) {
    this.problems = problems;
  }

  @Override
  public FirewalledRequest getFirewalledRequest(HttpServletRequest request) {
    FirewalledRequest checked = super.getFirewalledRequest(request);
    String path = path(request);
    if (ENCODED_UNRESERVED.matcher(path).find()) {
      throw new RequestRejectedException(
          "The request was rejected because the URL contained a percent-encoded letter, digit or"
              + " -._");
    }
    if (api(path) && !path.startsWith("/api")) {
      throw new RequestRejectedException(
          "The request was rejected because its path names /api in another case");
    }
    return checked;
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, RequestRejectedException refused)
      throws IOException {
    if (!api(path(request))) {
      response.sendError(HttpStatus.BAD_REQUEST.value());
      return;
    }
    problems.write(
        request,
        response,
        HttpStatus.BAD_REQUEST,
        CODE,
        "the path must be written plainly, one way: no percent-encoded letters, digits or -._,"
            + " no // or /./ or /../, no ; parameters, no backslash, no encoded / . or %");
  }

  /** The raw path after the context path, as the client wrote it. */
  private static String path(HttpServletRequest request) {
    String uri = request.getRequestURI();
    String context = request.getContextPath();
    return uri == null ? "" : uri.substring(Math.min(context.length(), uri.length()));
  }

  /** Under {@code /api} in any case or spelling this check sees. */
  private static boolean api(String path) {
    return path.length() >= 4
        && path.regionMatches(true, 0, "/api", 0, 4)
        && (path.length() == 4 || path.charAt(4) == '/' || path.charAt(4) == ';');
  }
}
