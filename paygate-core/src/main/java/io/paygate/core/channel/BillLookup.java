package io.paygate.core.channel;

/** The answer to asking the channel for one day's bill of trades and refunds. */
public sealed interface BillLookup {

  record Ready(ChannelBill bill) implements BillLookup {}

  /** The channel has not published that day's bill yet (or never will: a day not over yet). */
  record NotReady(String reason) implements BillLookup {}

  /** No answer we can trust: timeout, system error, a file we could not read. */
  record Unknown(String reason) implements BillLookup {}
}
