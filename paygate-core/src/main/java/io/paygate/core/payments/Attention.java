package io.paygate.core.payments;

/**
 * Why a payment needs a person to look at it: the channel did something our books cannot simply
 * follow. Money is never dropped for these; it is booked and flagged.
 */
public enum Attention {
  /**
   * The buyer paid after the payment was closed (with a cashier page loaded before the close). The
   * money is booked; by default it is refunded in full automatically.
   */
  PAID_AFTER_CLOSE,
  /** The channel reports the trade with another amount than the payment's. Nothing is booked. */
  AMOUNT_MISMATCH,
  /**
   * The channel's cumulative refunded total differs from ours in a way PayGate cannot book by
   * itself (it says less than we have booked, or a refund number of ours with another amount).
   */
  REFUND_MISMATCH
}
