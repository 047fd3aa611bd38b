package io.paygate.server.webhooks;

import java.util.Arrays;
import java.util.List;

/** What a webhook tells a shop, by the names shops subscribe to. */
public enum EventType {
  PAYMENT_SUCCEEDED("payment.succeeded"),
  PAYMENT_CLOSED("payment.closed"),
  /** Refunded in full. */
  PAYMENT_REFUNDED("payment.refunded"),
  PAYMENT_NEEDS_ATTENTION("payment.needs_attention"),
  REFUND_SUCCEEDED("refund.succeeded"),
  REFUND_FAILED("refund.failed");

  private final String wire;

  EventType(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  static List<String> names() {
    return Arrays.stream(values()).map(EventType::wire).toList();
  }

  static boolean known(String name) {
    return names().contains(name);
  }
}
