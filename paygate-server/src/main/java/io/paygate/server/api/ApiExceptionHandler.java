package io.paygate.server.api;

import io.paygate.core.channel.UnknownChannelException;
import io.paygate.core.errors.ErrorCode;
import io.paygate.core.errors.PayGateException;
import io.paygate.core.facetoface.BarcodeRefused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every refusal of the merchant API as an RFC 9457 problem detail with a stable {@code code}, the
 * offending {@code field} where one is at fault, and Alipay's {@code alipay_sub_code} when Alipay's
 * answer is the cause. A caller's mistake is never a 500.
 */
@RestControllerAdvice(annotations = ApiController.class)
@Order(Ordered.LOWEST_PRECEDENCE)
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  @ExceptionHandler(PayGateException.class)
  ResponseEntity<ProblemDetail> refused(PayGateException refusal) {
    HttpStatus status = Problems.statusFor(refusal.code().kind());
    ProblemDetail problem = Problems.of(status, refusal.code().name(), refusal.getMessage());
    if (refusal.field() != null) {
      problem.setProperty("field", refusal.field());
    }
    if (refusal.channelCode() != null) {
      problem.setProperty("alipay_sub_code", refusal.channelCode());
    }
    return Problems.response(problem);
  }

  /**
   * A refused barcode charge names its payment (FAILED, nothing charged), as every barcode answer
   * does.
   */
  /** A channel not configured here: the problem CHANNEL_NOT_FOUND, naming the field. */
  @ExceptionHandler(UnknownChannelException.class)
  ResponseEntity<ProblemDetail> unknownChannel(UnknownChannelException unknown) {
    return refused(
        new PayGateException(ErrorCode.CHANNEL_NOT_FOUND, unknown.getMessage(), "channel", null));
  }

  @ExceptionHandler(BarcodeRefused.class)
  ResponseEntity<ProblemDetail> barcodeRefused(BarcodeRefused refusal) {
    ResponseEntity<ProblemDetail> answer = refused(refusal);
    answer.getBody().setProperty("out_trade_no", refusal.payment().outTradeNo());
    answer.getBody().setProperty("status", refusal.payment().status().name());
    return answer;
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException mismatch) {
    ProblemDetail problem =
        Problems.of(
            HttpStatus.BAD_REQUEST,
            ErrorCode.VALIDATION_FAILED.name(),
            mismatch.getName() + " has the wrong form");
    problem.setProperty("field", mismatch.getName());
    return Problems.response(problem);
  }

  /**
   * Method security's refusal, should a request reach a handler its key may not call (the filter
   * chain decides first, on the same declaration).
   */
  @ExceptionHandler(AccessDeniedException.class)
  ResponseEntity<ProblemDetail> denied(AccessDeniedException denied) {
    return Problems.response(
        Problems.of(
            HttpStatus.FORBIDDEN,
            "SCOPE_REQUIRED",
            "this API key's scope does not cover this request"));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception failure) {
    log.error("unexpected failure", failure);
    return Problems.response(
        Problems.of(
            HttpStatus.INTERNAL_SERVER_ERROR,
            "INTERNAL_ERROR",
            // Not "nothing changed": the failure may come after a call that moved money.
            "something went wrong on our side; the request may have taken effect: send it again"
                + " with the same Idempotency-Key to resume it, or read what it was for"));
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException unreadable,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    ProblemDetail problem =
        Problems.of(
            HttpStatus.BAD_REQUEST,
            "MALFORMED_REQUEST",
            "the request body is missing or is not the JSON object this route takes");
    return new ResponseEntity<>(problem, Problems.headers(), HttpStatus.BAD_REQUEST);
  }

  @Override
  protected ResponseEntity<Object> handleMissingServletRequestParameter(
      MissingServletRequestParameterException missing,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    ProblemDetail problem =
        Problems.of(
            HttpStatus.BAD_REQUEST,
            ErrorCode.VALIDATION_FAILED.name(),
            missing.getParameterName() + " is required");
    problem.setProperty("field", missing.getParameterName());
    return new ResponseEntity<>(problem, Problems.headers(), HttpStatus.BAD_REQUEST);
  }

  /** Spring's own refusals (405, 415, 406, …) get a code too. */
  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception failure,
      Object body,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    ResponseEntity<Object> response =
        super.handleExceptionInternal(failure, body, headers, status, request);
    if (response != null
        && response.getBody() instanceof ProblemDetail problem
        && (problem.getProperties() == null || !problem.getProperties().containsKey("code"))) {
      problem.setProperty("code", Problems.codeFor(status));
    }
    return response;
  }
}
