package io.paygate.sandbox.trades;

/** Alipay's trade states; see the state machine in the protocol notes (section 6). */
public enum TradeStatus {
  WAIT_BUYER_PAY,
  TRADE_SUCCESS,
  TRADE_FINISHED,
  TRADE_CLOSED;

  public boolean paid() {
    return this == TRADE_SUCCESS || this == TRADE_FINISHED;
  }
}
