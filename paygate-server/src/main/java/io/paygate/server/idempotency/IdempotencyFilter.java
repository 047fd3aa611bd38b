package io.paygate.server.idempotency;

import io.paygate.core.numbers.Identifiers;
import io.paygate.server.api.FilterProblems;
import io.paygate.server.api.IncompleteAnswer;
import io.paygate.server.api.ShownOnce;
import io.paygate.server.apikeys.ApiCaller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * {@code Idempotency-Key} on a POST under {@code /api}: the pipeline is take the key (binding, on
 * its first run, the Alipay numbers the request will use), run the request, keep its final answer,
 * and replay that answer to a retry of the same request for 24 h (with {@code Idempotent-Replayed:
 * true}). A different request under the key is refused with 422 {@code IDEMPOTENCY_KEY_REUSED}; one
 * that comes while the first still runs with 409 {@code IDEMPOTENCY_KEY_IN_USE}.
 *
 * <p>An answer that is not final (202: the outcome is not known yet; a 5xx; a run that died) is not
 * kept, and the key is not freed: the next request with it runs again under the same numbers and
 * resumes that payment or refund (finds it done or pending, or sends it again under its number). So
 * does a request that comes after a run's lease ran out.
 */
public class IdempotencyFilter extends OncePerRequestFilter {

  public static final String HEADER = "Idempotency-Key";
  static final String REPLAYED = "Idempotent-Replayed";

  /** The largest request body read for a key; a larger one is refused with 413. */
  static final int MAX_BODY = 64 * 1024;

  /** Longer than any request may take (Alipay's read timeout included). */
  private static final Duration LEASE = Duration.ofMinutes(2);

  private final IdempotencyKeys keys;
  private final FilterProblems problems;
  private final Identifiers identifiers;
  private final Clock clock;

  IdempotencyFilter(
      IdempotencyKeys keys, FilterProblems problems, Identifiers identifiers, Clock clock) {
    this.keys = keys;
    this.problems = problems;
    this.identifiers = identifiers;
    this.clock = clock;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String key = request.getHeader(HEADER);
    String caller = ApiCaller.current().map(ApiCaller::id).orElse(null);
    if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c > 32 && c < 127)) {
      problems.write(
          request,
          response,
          HttpStatus.BAD_REQUEST,
          "VALIDATION_FAILED",
          HEADER + " must be 1 to 255 visible ASCII characters (a UUID is the usual choice)");
      return;
    }
    if (caller == null) {
      chain.doFilter(request, response);
      return;
    }
    // Read up to the cap only: a body that says or turns out to be larger is refused unread.
    byte[] body =
        request.getContentLengthLong() > MAX_BODY
            ? null
            : request.getInputStream().readNBytes(MAX_BODY + 1);
    if (body == null || body.length > MAX_BODY) {
      problems.write(
          request,
          response,
          HttpStatus.CONTENT_TOO_LARGE,
          "REQUEST_TOO_LARGE",
          "a request body sent with an " + HEADER + " is at most " + MAX_BODY / 1024 + " KiB");
      return;
    }
    String hash = hash(request, body);
    BoundNumbers fresh =
        new BoundNumbers(identifiers.newOutTradeNo(), identifiers.newOutRequestNo(), false);
    IdempotencyKeys.Start start = keys.begin(caller, key, hash, clock.instant(), LEASE, fresh);
    if (start instanceof IdempotencyKeys.Reused) {
      problems.write(
          request,
          response,
          HttpStatus.UNPROCESSABLE_ENTITY,
          "IDEMPOTENCY_KEY_REUSED",
          "this " + HEADER + " was used for a different request (method, path or body)");
    } else if (start instanceof IdempotencyKeys.InUse) {
      problems.write(
          request,
          response,
          HttpStatus.CONFLICT,
          "IDEMPOTENCY_KEY_IN_USE",
          "the first request with this " + HEADER + " is still running; retry shortly");
    } else if (start instanceof IdempotencyKeys.Shown) {
      problems.write(
          request,
          response,
          HttpStatus.CONFLICT,
          "SECRET_SHOWN_ONCE",
          "the first request with this "
              + HEADER
              + " succeeded, and its answer held a secret that is shown once and never kept:"
              + " list what it made (the secret is not shown again), or revoke it and make another");
    } else if (start instanceof IdempotencyKeys.Replay replay) {
      replay(replay, response);
    } else if (start instanceof IdempotencyKeys.Run run) {
      run(request, response, chain, caller, key, body, run);
    }
  }

  private void run(
      HttpServletRequest request,
      HttpServletResponse response,
      FilterChain chain,
      String caller,
      String key,
      byte[] body,
      IdempotencyKeys.Run run)
      throws ServletException, IOException {
    ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
    request.setAttribute(BoundNumbers.ATTRIBUTE, run.numbers());
    boolean kept = false;
    try {
      chain.doFilter(new CachedBody(request, body), answer);
      if (ShownOnce.marked(request) && answer.getStatus() < 300) {
        keys.shown(caller, key, run.runId());
        kept = true;
      } else if (isFinal(answer.getStatus()) && !IncompleteAnswer.marked(request)) {
        keys.finish(
            caller,
            key,
            run.runId(),
            answer.getStatus(),
            answer.getContentType(),
            answer.getHeader(HttpHeaders.LOCATION),
            new String(answer.getContentAsByteArray(), StandardCharsets.UTF_8));
        kept = true;
      }
    } finally {
      if (!kept) {
        keys.handOn(caller, key, run.runId(), clock.instant());
      }
      answer.copyBodyToResponse();
    }
  }

  /**
   * A 202 says the outcome is not known yet, and a 5xx that the run could not finish: a retry
   * resumes the work rather than hearing that answer again.
   */
  private static boolean isFinal(int status) {
    return status != HttpStatus.ACCEPTED.value() && status < 500;
  }

  private static void replay(IdempotencyKeys.Replay replay, HttpServletResponse response)
      throws IOException {
    response.setStatus(replay.status());
    response.setHeader(REPLAYED, "true");
    if (replay.contentType() != null) {
      response.setContentType(replay.contentType());
    }
    if (replay.location() != null) {
      response.setHeader(HttpHeaders.LOCATION, replay.location());
    }
    byte[] body =
        replay.body() == null ? new byte[0] : replay.body().getBytes(StandardCharsets.UTF_8);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  private static String hash(HttpServletRequest request, byte[] body) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
      sha.update(
          (request.getMethod() + " " + request.getRequestURI() + query + "\n")
              .getBytes(StandardCharsets.UTF_8));
      sha.update(body);
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The request with its body already read, so the controller can read it again. */
  private static final class CachedBody extends HttpServletRequestWrapper {

    private final byte[] body;

    CachedBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("blocking reads only");
        }
      };
    }

    @Override
    public java.io.BufferedReader getReader() {
      return new java.io.BufferedReader(
          new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }
  }
}
