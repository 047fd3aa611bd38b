package io.paygate.sandbox.refunds;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One refund request of a trade, identified by its out_request_no.
 *
 * @param refundedAt when the money moved; for a refund still processing, when it was accepted
 * @param completesAt when a refund still processing completes; null once it has
 */
public record Refund(
    long tradeId,
    String outRequestNo,
    BigDecimal amount,
    String reason,
    Instant refundedAt,
    Instant completesAt) {

  public Refund(
      long tradeId, String outRequestNo, BigDecimal amount, String reason, Instant refundedAt) {
    this(tradeId, outRequestNo, amount, reason, refundedAt, null);
  }

  /** Accepted but the money has not moved yet: Alipay's refund query does not know it. */
  public boolean processing() {
    return completesAt != null;
  }
}
