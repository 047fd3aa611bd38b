package io.paygate.core.channel;

/** A trade's state as the channel reports it. */
public enum ChannelTradeStatus {
  WAIT_BUYER_PAY,
  TRADE_SUCCESS,
  TRADE_FINISHED,
  TRADE_CLOSED;

  /** Only these two mean the buyer paid. */
  public boolean isPaid() {
    return this == TRADE_SUCCESS || this == TRADE_FINISHED;
  }
}
