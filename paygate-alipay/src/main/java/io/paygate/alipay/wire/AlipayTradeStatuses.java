package io.paygate.alipay.wire;

import io.paygate.core.channel.TradeState;
import java.util.Map;
import java.util.Optional;

/**
 * Alipay's trade_status values, mapped to the domain's trade states; anything else is not guessed
 * at.
 */
public final class AlipayTradeStatuses {

  private static final Map<String, TradeState> STATES =
      Map.of(
          "WAIT_BUYER_PAY", TradeState.AWAITING_PAYMENT,
          "TRADE_SUCCESS", TradeState.PAID,
          "TRADE_FINISHED", TradeState.SETTLED,
          "TRADE_CLOSED", TradeState.CLOSED);

  private AlipayTradeStatuses() {}

  public static Optional<TradeState> read(String text) {
    return text == null ? Optional.empty() : Optional.ofNullable(STATES.get(text.strip()));
  }
}
