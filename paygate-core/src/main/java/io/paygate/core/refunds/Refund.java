package io.paygate.core.refunds;

import io.paygate.core.money.Money;
import java.time.Instant;

/**
 * One refund of a payment, identified within it by out_request_no.
 *
 * @param failureCode the channel's sub_code when it refused the refund, else null
 */
public record Refund(
    String outTradeNo,
    String outRequestNo,
    Money refundAmount,
    String reason,
    RefundStatus status,
    String failureCode,
    String failureMessage,
    Instant createdAt,
    Instant updatedAt,
    Instant refundedAt,
    RefundOrigin origin) {

  /** A refund of ours, reserved before the channel is asked for it. */
  public static Refund pending(
      String outTradeNo, String outRequestNo, Money amount, String reason, Instant now) {
    return new Refund(
        outTradeNo,
        outRequestNo,
        amount,
        reason,
        RefundStatus.PENDING,
        null,
        null,
        now,
        now,
        null,
        RefundOrigin.PAYGATE);
  }

  /** A refund made outside PayGate, booked under the channel's number as it was made. */
  public static Refund madeOutside(
      String outTradeNo,
      String number,
      Money amount,
      String reason,
      Instant now,
      Instant refundedAt) {
    return new Refund(
        outTradeNo,
        number,
        amount,
        reason,
        RefundStatus.SUCCEEDED,
        null,
        null,
        now,
        now,
        refundedAt != null ? refundedAt : now,
        RefundOrigin.CHANNEL);
  }

  /** This refund as the change leaves it. */
  public Refund settled(RefundChange change) {
    return new Refund(
        outTradeNo,
        outRequestNo,
        refundAmount,
        reason,
        change.transition().to(),
        change.failureCode(),
        change.failureMessage(),
        createdAt,
        change.at(),
        change.refundedAt(),
        origin);
  }
}
