package io.paygate.core.errors;

/** Stable codes for refused requests; the API shows them as the problem detail's {@code code}. */
public enum ErrorCode {
  VALIDATION_FAILED(Kind.INVALID),
  PAYMENT_NOT_FOUND(Kind.NOT_FOUND),
  /** No payment channel of that id is configured. */
  CHANNEL_NOT_FOUND(Kind.NOT_FOUND),
  REFUND_NOT_FOUND(Kind.NOT_FOUND),
  OUT_TRADE_NO_TAKEN(Kind.CONFLICT),
  OUT_REQUEST_NO_CONFLICT(Kind.CONFLICT),
  PAYMENT_NOT_PAYABLE(Kind.CONFLICT),
  PAYMENT_NOT_REFUNDABLE(Kind.CONFLICT),
  PAYMENT_NOT_CLOSABLE(Kind.CONFLICT),
  PAYMENT_NOT_CANCELLABLE(Kind.CONFLICT),
  REFUND_EXCEEDS_AVAILABLE(Kind.UNPROCESSABLE),
  CHANNEL_REJECTED(Kind.UNPROCESSABLE),
  /**
   * An app's synchronous pay result that does not carry the channel's genuine signature for this
   * payment: nothing is changed by it.
   */
  APP_RESULT_REJECTED(Kind.INVALID),
  CHANNEL_UNAVAILABLE(Kind.UNAVAILABLE),
  /** The channel has not published the day's bill yet (or the day is not over). */
  BILL_NOT_READY(Kind.CONFLICT),
  RECONCILIATION_NOT_FOUND(Kind.NOT_FOUND),
  WEBHOOK_ENDPOINT_NOT_FOUND(Kind.NOT_FOUND),
  EVENT_NOT_FOUND(Kind.NOT_FOUND),
  API_KEY_NOT_FOUND(Kind.NOT_FOUND),
  /** A key asked to make a key broader than itself (a wider scope, more apps, or every app). */
  KEY_TOO_BROAD(Kind.FORBIDDEN),
  /** The API key is limited to other apps than the one the request is for. */
  APP_NOT_ALLOWED(Kind.FORBIDDEN);

  /** What sort of refusal, so an edge can pick its answer without listing every code. */
  public enum Kind {
    INVALID,
    NOT_FOUND,
    CONFLICT,
    UNPROCESSABLE,
    UNAVAILABLE,
    FORBIDDEN
  }

  private final Kind kind;

  ErrorCode(Kind kind) {
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
