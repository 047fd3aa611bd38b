package io.paygate.server.refunds;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.paygate.core.refunds.Refund;
import java.time.Instant;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** A refund as the API shows it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RefundView(
    String outTradeNo,
    String outRequestNo,
    String refundAmount,
    String refundReason,
    String status,
    String failureCode,
    String failureMessage,
    Instant createdAt,
    Instant refundedAt) {

  public static RefundView of(Refund r) {
    return new RefundView(
        r.outTradeNo(),
        r.outRequestNo(),
        r.refundAmount().toString(),
        r.reason(),
        r.status().name(),
        r.failureCode(),
        r.failureMessage(),
        r.createdAt(),
        r.refundedAt());
  }
}
