package io.paygate.sandbox.trades;

import java.util.Optional;

/** What a buyer's payment attempt came to. */
public sealed interface PayResult {

  /**
   * @param returnUrl the signed synchronous-return URL, when the order has a return_url
   */
  record Paid(Trade trade, Optional<String> returnUrl) implements PayResult {}

  /** The trade exists (WAIT_BUYER_PAY) and may be paid. */
  record Opened(Trade trade) implements PayResult {}

  /** Nothing was paid; {@code code} is stable, {@code message} is for people (中文 / English). */
  record Refused(Reason reason, String message) implements PayResult {}

  enum Reason {
    ORDER_NOT_FOUND,
    ORDER_EXPIRED,
    BUYER_NOT_FOUND,
    WRONG_PAY_PASSWORD,
    INSUFFICIENT_BALANCE,
    TRADE_CLOSED,
    TRADE_ALREADY_PAID,
    TRADE_BUYER_NOT_MATCH
  }
}
