package io.paygate.wechatpay.gateway;

import com.google.gson.JsonSyntaxException;
import com.wechat.pay.java.core.exception.HttpException;
import com.wechat.pay.java.core.exception.ServiceException;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One SDK call's result, classified once for every operation: an answer WeChat Pay signed, a
 * refusal it stated, or nothing we can trust (so the operation's outcome is unknown, never a
 * failure: the same call or a query settles it).
 */
public sealed interface WxAnswer<T> {

  /** A 2xx answer whose signature the SDK verified (null for a 204). */
  record Ok<T>(T value) implements WxAnswer<T> {}

  /** A 4xx with WeChat Pay's code and message: it did not do what was asked. */
  record Refused<T>(int status, String code, String message) implements WxAnswer<T> {

    /** WeChat Pay has no such order or refund (both spellings: the old tables drop the '_'). */
    public boolean notFound() {
      return NOT_FOUND.contains(code);
    }
  }

  /** A timeout, a 5xx, a 429, or an answer that did not verify: it may or may not have happened. */
  record Unknown<T>(String reason) implements WxAnswer<T> {}

  Set<String> NOT_FOUND = Set.of("ORDER_NOT_EXIST", "ORDERNOTEXIST", "RESOURCE_NOT_EXISTS");

  /** Runs the call; never throws for what WeChat Pay (or the network) did. */
  static <T> WxAnswer<T> of(Supplier<T> call) {
    try {
      return new Ok<>(call.get());
    } catch (ServiceException e) {
      int status = e.getHttpStatusCode();
      String code = e.getErrorCode() == null ? "HTTP_" + status : e.getErrorCode();
      if (status >= 500
          || status == 429
          || "SYSTEM_ERROR".equals(code)
          || "SYSTEMERROR".equals(code)
          || "FREQUENCY_LIMITED".equals(code)) {
        return new Unknown<>(status + " " + code + " " + e.getErrorMessage());
      }
      return new Refused<>(status, code, e.getErrorMessage());
    } catch (HttpException e) {
      return new Unknown<>("no answer: " + rootCause(e));
    } catch (JsonSyntaxException e) {
      // nginx's HTML error page, not WeChat Pay's JSON.
      return new Unknown<>("an answer that is not JSON");
    } catch (RuntimeException e) {
      // ValidationException, MalformedMessageException, a signature probe (WECHATPAY/SIGNTEST/):
      // an answer we cannot trust says nothing about what happened.
      return new Unknown<>("an answer that did not verify: " + e.getClass().getSimpleName());
    }
  }

  private static String rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName();
  }
}
