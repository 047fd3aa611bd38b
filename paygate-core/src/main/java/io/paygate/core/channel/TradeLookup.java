package io.paygate.core.channel;

/** The answer to a trade query. */
public sealed interface TradeLookup {

  record Found(ChannelTrade trade) implements TradeLookup {}

  /** The channel has no such trade (for a cashier trade: the buyer never opened it). */
  record NotFound() implements TradeLookup {}

  record Refused(ChannelError error) implements TradeLookup {}

  /** No answer we can trust: timeout, system error, bad signature. */
  record Unknown(String reason) implements TradeLookup {}
}
