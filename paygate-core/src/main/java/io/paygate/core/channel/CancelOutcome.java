package io.paygate.core.channel;

/** The channel's answer to cancelling a face-to-face trade. */
public sealed interface CancelOutcome {

  /**
   * Cancelled: {@code action} is what the channel did, {@code close} (it was unpaid) or {@code
   * refund} (it was paid, and all of it goes back to the buyer).
   */
  record Cancelled(String action) implements CancelOutcome {}

  /** The channel has no such trade (nobody scanned the code): nothing to cancel there. */
  record NotFound() implements CancelOutcome {}

  record Refused(ChannelError error) implements CancelOutcome {}

  /** No answer, or the channel asks to try again: the trade may or may not be cancelled. */
  record Unknown(String reason) implements CancelOutcome {}
}
