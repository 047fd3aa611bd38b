package io.paygate.core.errors;

import io.paygate.core.channel.ChannelError;

/**
 * A request the domain refuses, with a stable {@link ErrorCode} callers can branch on and, where it
 * applies, the offending field and the channel's own code.
 */
public class PayGateException extends RuntimeException {

  private final ErrorCode code;
  private final String field;
  private final String channelCode;

  public PayGateException(ErrorCode code, String message) {
    this(code, message, null, null);
  }

  public PayGateException(ErrorCode code, String message, String field, String channelCode) {
    super(message);
    this.code = code;
    this.field = field;
    this.channelCode = channelCode;
  }

  public static PayGateException invalid(String field, String message) {
    return new PayGateException(ErrorCode.VALIDATION_FAILED, message, field, null);
  }

  public static PayGateException paymentNotFound(String outTradeNo) {
    return new PayGateException(
        ErrorCode.PAYMENT_NOT_FOUND, "no payment has out_trade_no " + outTradeNo);
  }

  /** The channel refused; its code is passed through to the caller. */
  public static PayGateException channelRejected(String what, ChannelError error) {
    return new PayGateException(
        ErrorCode.CHANNEL_REJECTED,
        "the channel refused " + what + ": " + error.message(),
        null,
        error.code());
  }

  public ErrorCode code() {
    return code;
  }

  /** The request field at fault, or null. */
  public String field() {
    return field;
  }

  /** The channel's code when the channel's answer is the cause, or null. */
  public String channelCode() {
    return channelCode;
  }
}
