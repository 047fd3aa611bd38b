package io.paygate.server.refunds;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.paygate.core.refunds.Refund;
import io.paygate.core.refunds.RefundOrigin;
import java.time.Instant;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A refund as the API shows it. {@code origin} is PAYGATE, or ALIPAY for a refund made outside
 * PayGate (in Alipay's merchant console) that PayGate learnt of and booked; WECHATPAY for one made
 * in WeChat Pay's. {@code channel} is its payment's, on every route, listing and event.
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
    Instant refundedAt,
    String channel) {

  /** A refund of a payment taken through {@code channel}. */
  public static RefundView of(Refund r, String channel) {
    return new RefundView(
        r.outTradeNo(),
        r.outRequestNo(),
        r.refundAmount().toString(),
        r.reason(),
        r.status().name(),
        r.failureCode(),
        r.failureMessage(),
        origin(r.origin(), channel),
        r.createdAt(),
        r.refundedAt(),
        channel);
  }

  /** Another channel's console refund is named for that channel. */
  static String origin(RefundOrigin origin, String channel) {
    return origin == RefundOrigin.CHANNEL && channel != null && !channel.equals("alipay")
        ? channel.toUpperCase(java.util.Locale.ROOT)
        : origin(origin);
  }

  static String origin(RefundOrigin origin) {
    return origin == RefundOrigin.CHANNEL ? "ALIPAY" : origin.name();
  }
}
