package io.paygate.core.channel;

/** Whether an inbound notification is genuine, and what it says. */
public sealed interface NotificationCheck {

  record Verified(TradeNotification notification) implements NotificationCheck {}

  record Rejected(String reason) implements NotificationCheck {}
}
