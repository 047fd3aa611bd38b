package io.paygate.core.refunds;

/**
 * A refund's status: PENDING until the channel's answer is known, then SUCCEEDED or FAILED. An
 * unknown answer keeps it PENDING until a refund query settles it.
 */
public enum RefundStatus {
  PENDING,
  SUCCEEDED,
  FAILED
}
