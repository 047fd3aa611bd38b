package io.paygate.core.refunds;

import java.time.Instant;

/**
 * A refund's transition with what it records.
 *
 * @param failureCode the channel's sub_code when it refused the refund, else null
 * @param refundedAt when the money moved, for CONFIRM (the channel's time); null otherwise
 */
public record RefundChange(
    RefundTransition transition,
    String failureCode,
    String failureMessage,
    Instant at,
    Instant refundedAt) {

  /** The channel's word that it went through; {@code refundedAt} null is now. */
  public static RefundChange confirm(Instant at, Instant refundedAt) {
    return new RefundChange(
        RefundTransition.CONFIRM, null, null, at, refundedAt != null ? refundedAt : at);
  }

  /** The channel refused it for good. */
  public static RefundChange fail(String code, String message, Instant at) {
    return new RefundChange(RefundTransition.FAIL, code, message, at, null);
  }

  /** Sent again under its own number. */
  public static RefundChange retry(Instant at) {
    return new RefundChange(RefundTransition.RETRY, null, null, at, null);
  }
}
