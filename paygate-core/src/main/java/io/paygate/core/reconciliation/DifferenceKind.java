package io.paygate.core.reconciliation;

/** How a line of the channel's bill and our books disagree. */
public enum DifferenceKind {
  /** A paid trade in the bill that we do not hold as paid (none, or still PENDING). */
  MISSING_HERE,
  /** We hold it as paid in the bill's window; the bill does not have it. */
  MISSING_AT_CHANNEL,
  /** Both say paid, for different amounts. */
  AMOUNT_DIFFERS,
  /** The bill says paid; we hold it in a state that says otherwise (CLOSED). */
  STATUS_DIFFERS,
  /** A refund in the bill that we do not hold as SUCCEEDED. */
  REFUND_MISSING_HERE,
  /** We hold a refund SUCCEEDED in the bill's window; the bill does not have it. */
  REFUND_MISSING_AT_CHANNEL,
  /** Both hold the refund, for different amounts. */
  REFUND_AMOUNT_DIFFERS;

  public boolean isRefund() {
    return this == REFUND_MISSING_HERE
        || this == REFUND_MISSING_AT_CHANNEL
        || this == REFUND_AMOUNT_DIFFERS;
  }
}
