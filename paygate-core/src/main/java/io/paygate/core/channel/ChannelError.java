package io.paygate.core.channel;

/**
 * The channel's own refusal, passed through to callers as the channel put it.
 *
 * @param code the channel's most specific code for it (the shop may look it up in the channel's
 *     documentation); the core never branches on it: what the core must tell apart (a trade not
 *     found, one already paid) the channel says with an outcome of its own
 * @param message the channel's words for it
 */
public record ChannelError(String code, String message) {

  @Override
  public String toString() {
    return code + " " + message;
  }
}
