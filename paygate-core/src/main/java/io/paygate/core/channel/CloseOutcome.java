package io.paygate.core.channel;

/** The channel's answer to closing an unpaid trade. */
public sealed interface CloseOutcome {

  record Closed() implements CloseOutcome {}

  /** No trade exists at the channel (the buyer never opened the cashier): nothing to close. */
  record NotFound() implements CloseOutcome {}

  record Refused(ChannelError error) implements CloseOutcome {}

  record Unknown(String reason) implements CloseOutcome {}
}
