package io.paygate.sandbox.refunds;

import java.math.BigDecimal;
import java.time.Instant;

/** One refund request of a trade, identified by its out_request_no. */
public record Refund(
    long tradeId, String outRequestNo, BigDecimal amount, String reason, Instant refundedAt) {}
