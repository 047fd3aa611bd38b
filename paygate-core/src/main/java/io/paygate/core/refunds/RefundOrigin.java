package io.paygate.core.refunds;

/** Who made a refund: PayGate (through the API, the pages or by itself), or the channel. */
public enum RefundOrigin {
  PAYGATE,
  /**
   * Made outside PayGate (in Alipay's merchant console, for one) and learnt from the channel's
   * cumulative refunded total; its number is the channel's.
   */
  CHANNEL
}
