package io.paygate.server.logging;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Names the payment (and refund) of a request in its log lines, from the path: the API's {@code
 * /api/v1/payments/{no}[/refunds/{req}]}, the pages' {@code /payments/{no}} and the buyer's {@code
 * /pay/{no}}. The notify names its payment itself, once its form is read.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestLogContextFilter extends OncePerRequestFilter {

  private static final Pattern PATH =
      Pattern.compile("^(?:/api/v1)?/(?:payments|pay)/([^/]+)(?:/refunds/([^/]+))?");

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Matcher path = PATH.matcher(request.getRequestURI());
    if (!path.find()) {
      chain.doFilter(request, response);
      return;
    }
    try (LogContext context =
        path.group(2) == null
            ? LogContext.trade(path.group(1))
            : LogContext.refund(path.group(1), path.group(2))) {
      chain.doFilter(request, response);
    }
  }
}
