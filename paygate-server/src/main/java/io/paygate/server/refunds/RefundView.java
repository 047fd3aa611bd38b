package io.paygate.server.refunds;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.paygate.core.refunds.Refund;
import io.paygate.core.refunds.RefundOrigin;
import java.time.Instant;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A refund as the API shows it. {@code origin} is PAYGATE, or ALIPAY for a refund made outside
 * PayGate (in Alipay's merchant console) that PayGate learnt of and booked.
 */
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
    String origin,
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
        origin(r.origin()),
        r.createdAt(),
        r.refundedAt());
  }

  static String origin(RefundOrigin origin) {
    return origin == RefundOrigin.CHANNEL ? "ALIPAY" : origin.name();
  }
}
