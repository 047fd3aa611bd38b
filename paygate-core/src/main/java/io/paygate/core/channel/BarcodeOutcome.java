package io.paygate.core.channel;

/** The channel's synchronous answer to a barcode payment (the shop scanned the buyer's code). */
public sealed interface BarcodeOutcome {

  /** Paid at once, or paid already by an earlier charge under the same number. */
  record Paid() implements BarcodeOutcome {}

  /** The trade exists and waits for the buyer to confirm on the phone. */
  record Waiting() implements BarcodeOutcome {}

  record Refused(ChannelError error) implements BarcodeOutcome {}

  /** No answer: the trade may or may not exist, paid or not. */
  record Unknown(String reason) implements BarcodeOutcome {}
}
