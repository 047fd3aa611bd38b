package io.paygate.client;

/**
 * A refusal from PayGate: its problem detail, typed by HTTP status. {@code code} is the stable code
 * to program against (VALIDATION_FAILED, PAYMENT_NOT_FOUND, …), {@code field} the field at fault
 * when one is.
 */
public class PayGateException extends RuntimeException {

  private final int status;
  private final String code;
  private final String field;
  private final String alipaySubCode;

  PayGateException(int status, String code, String detail, String field, String alipaySubCode) {
    super(code + " (" + status + "): " + detail);
    this.status = status;
    this.code = code;
    this.field = field;
    this.alipaySubCode = alipaySubCode;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String field() {
    return field;
  }

  public String alipaySubCode() {
    return alipaySubCode;
  }

  /** 400: a field is missing or wrong; {@link #field()} names it. Fix the request. */
  public static final class InvalidRequest extends PayGateException {
    InvalidRequest(int s, String c, String d, String f, String a) {
      super(s, c, d, f, a);
    }
  }

  /** 401: no, wrong or revoked API key. */
  public static final class Unauthorized extends PayGateException {
    Unauthorized(int s, String c, String d, String f, String a) {
      super(s, c, d, f, a);
    }
  }

  /** 403: the key's scope does not cover the request (SCOPE_REQUIRED). */
  public static final class Forbidden extends PayGateException {
    Forbidden(int s, String c, String d, String f, String a) {
      super(s, c, d, f, a);
    }
  }

  /** 404: no such payment, refund, event, endpoint or key. */
  public static final class NotFound extends PayGateException {
    NotFound(int s, String c, String d, String f, String a) {
      super(s, c, d, f, a);
    }
  }

  /** 409: the state does not allow it, or the idempotency key is in use. */
  public static final class Conflict extends PayGateException {
    Conflict(int s, String c, String d, String f, String a) {
      super(s, c, d, f, a);
    }
  }

  /** 422: understood but refused (refund over what is left, Alipay refused, key reused). */
  public static final class Unprocessable extends PayGateException {
    Unprocessable(int s, String c, String d, String f, String a) {
      super(s, c, d, f, a);
    }
  }

  /** 5xx: PayGate or Alipay could not answer; nothing was changed, retry later. */
  public static final class Unavailable extends PayGateException {
    Unavailable(int s, String c, String d, String f, String a) {
      super(s, c, d, f, a);
    }
  }

  static PayGateException of(
      int status, String code, String detail, String field, String alipaySubCode) {
    return switch (status) {
      case 400 -> new InvalidRequest(status, code, detail, field, alipaySubCode);
      case 401 -> new Unauthorized(status, code, detail, field, alipaySubCode);
      case 403 -> new Forbidden(status, code, detail, field, alipaySubCode);
      case 404 -> new NotFound(status, code, detail, field, alipaySubCode);
      case 409 -> new Conflict(status, code, detail, field, alipaySubCode);
      case 422 -> new Unprocessable(status, code, detail, field, alipaySubCode);
      default ->
          status >= 500
              ? new Unavailable(status, code, detail, field, alipaySubCode)
              : new PayGateException(status, code, detail, field, alipaySubCode);
    };
  }
}
