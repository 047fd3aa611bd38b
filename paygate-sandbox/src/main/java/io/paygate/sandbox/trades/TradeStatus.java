package io.paygate.sandbox.trades;

/**
 * A trade's states: Alipay's four (the state machine in the protocol notes, section 6) and before
 * them the sandbox's own {@link #ORDER}. The transitions between them are {@link TradeTransition}.
 */
public enum TradeStatus {
  /**
   * The merchant's order, not opened by a buyer yet: Alipay has no trade for it (it answers
   * ACQ.TRADE_NOT_EXIST), so this state is never shown to the merchant.
   */
  ORDER,
  WAIT_BUYER_PAY,
  TRADE_SUCCESS,
  TRADE_FINISHED,
  TRADE_CLOSED;

  public boolean opened() {
    return this != ORDER;
  }

  public boolean paid() {
    return this == TRADE_SUCCESS || this == TRADE_FINISHED;
  }
}
