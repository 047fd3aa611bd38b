package io.paygate.core.channel;

/**
 * No payment channel of this id is configured. Answered to the outside as the problem {@code
 * CHANNEL_NOT_FOUND} (naming the field {@code channel}); thrown here rather than as a {@code
 * PayGateException} so that the channel port depends on nothing of the domain's.
 */
public final class UnknownChannelException extends RuntimeException {

  private final String id;

  public UnknownChannelException(String id, java.util.Set<String> configured) {
    super("no payment channel " + id + " is configured; configured: " + configured);
    this.id = id;
  }

  /** The id asked for. */
  public String id() {
    return id;
  }
}
