package io.paygate.core.channel;

/** The channel's answer to exchanging a buyer's auth code for who the buyer is to the app. */
public sealed interface SignInOutcome {

  /** The code was good (and is now spent): the buyer, by user id or open id. */
  record SignedIn(Buyer buyer) implements SignInOutcome {}

  /** The channel refused the code (unknown, used, expired, another app's). */
  record Refused(ChannelError error) implements SignInOutcome {}

  /** No answer: whether the code was spent is not known. */
  record Unknown(String reason) implements SignInOutcome {}
}
