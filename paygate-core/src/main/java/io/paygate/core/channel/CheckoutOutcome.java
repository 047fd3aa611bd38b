package io.paygate.core.channel;

/** The channel's answer to opening the checkout of one order. */
public sealed interface CheckoutOutcome {

  record Opened(Checkout checkout) implements CheckoutOutcome {}

  record Refused(ChannelError error) implements CheckoutOutcome {}

  /** No answer: ask again (opening the same order again is safe). */
  record Unknown(String reason) implements CheckoutOutcome {}
}
