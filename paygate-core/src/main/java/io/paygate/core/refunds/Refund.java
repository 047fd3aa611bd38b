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
    RefundOrigin origin) {}
