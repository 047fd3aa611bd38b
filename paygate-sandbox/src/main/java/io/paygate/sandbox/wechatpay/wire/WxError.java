package io.paygate.sandbox.wechatpay.wire;

import java.util.Map;

/**
 * An error answer as WeChat Pay writes it: an HTTP status and {@code {"code","message","detail"?}}.
 * Never signed (WeChat Pay signs 2xx answers only).
 */
public final class WxError extends RuntimeException {

  private final int status;
  private final String code;
  private final Map<String, Object> detail;

  public WxError(int status, String code, String message, Map<String, Object> detail) {
    super(message);
    this.status = status;
    this.code = code;
    this.detail = detail;
  }

  public static WxError of(int status, String code, String message) {
    return new WxError(status, code, message, null);
  }

  /** 400 PARAM_ERROR naming the field as a JSON pointer (or a path/query parameter's name). */
  public static WxError param(String field, String issue) {
    return new WxError(
        400,
        "PARAM_ERROR",
        "参数错误",
        Map.of("field", field, "issue", issue, "location", field.startsWith("/") ? "body" : "uri"));
  }

  public static WxError invalidRequest(String message) {
    return of(400, "INVALID_REQUEST", message);
  }

  public static WxError sign(String message) {
    return of(401, "SIGN_ERROR", message);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public Map<String, Object> detail() {
    return detail;
  }
}
