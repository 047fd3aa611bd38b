package io.paygate.core.refunds;

import io.paygate.core.payments.BookEvent;

/**
 * What happened to a refund; each carries the refund as it stands after the change, and the app
 * (for the shop's endpoints limited to apps) and channel of its payment.
 */
public sealed interface RefundEvent extends BookEvent {

  Refund refund();

  String app();

  /** The payment channel's id the refund goes through, as its payment's. */
  String channel();

  @Override
  default String outTradeNo() {
    return refund().outTradeNo();
  }

  /** A refund was booked: reserved to be sent, or learnt already made (counted, not told). */
  record Requested(Refund refund, String app, String channel) implements RefundEvent {
    @Override
    public boolean toldToTheShop() {
      return false;
    }
  }

  /** A refund was settled by a transition ({@code refund().status()} tells how it stands). */
  record Settled(Refund refund, String app, String channel, RefundTransition by)
      implements RefundEvent {
    @Override
    public boolean toldToTheShop() {
      return by != RefundTransition.RETRY;
    }
  }
}
