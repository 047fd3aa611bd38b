package io.paygate.core.channel;

/** A trade's state at the channel, in the domain's words; each channel maps its own onto these. */
public enum TradeState {
  /** The trade exists and waits for the buyer to pay. */
  AWAITING_PAYMENT,
  /** The buyer paid; refunds are still possible. */
  PAID,
  /** The buyer paid and the trade is final at the channel: no more refunds there. */
  SETTLED,
  /** Closed unpaid, or closed after everything paid was refunded. */
  CLOSED;

  /** Only these two mean the buyer paid. */
  public boolean isPaid() {
    return this == PAID || this == SETTLED;
  }
}
