package io.paygate.core.notify;

/**
 * What to answer a notification: {@code success} only once its effect is committed, otherwise
 * {@code failure} so the channel delivers it again (or gives up on a forgery).
 */
public sealed interface NotifyAck {

  String body();

  record Accepted(String outcome) implements NotifyAck {
    @Override
    public String body() {
      return "success";
    }
  }

  record Refused(String reason) implements NotifyAck {
    @Override
    public String body() {
      return "failure";
    }
  }
}
