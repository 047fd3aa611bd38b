package io.paygate.core.channel;

/**
 * What the provider must be answered, in its own terms: a text {@code success} for one, an HTTP
 * status and a JSON object for another. The core only picks which of the channel's two replies.
 */
public record NotifyReply(int status, String contentType, String body) {

  /** The two replies a channel gives: the notification taken, or to be delivered again. */
  public record Choice(NotifyReply accepted, NotifyReply refused) {

    public NotifyReply of(boolean taken) {
      return taken ? accepted : refused;
    }
  }
}
