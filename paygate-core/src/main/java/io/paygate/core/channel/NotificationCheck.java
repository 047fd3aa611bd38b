package io.paygate.core.channel;

/**
 * The channel's word on an inbound notification: genuine (its signature and the merchant account it
 * names both checked by the channel) and what it says, or rejected and why. Either way it carries
 * the parameters as they may be kept for operators, the channel's secrets (signatures) removed.
 */
public sealed interface NotificationCheck {

  /** The notification's parameters, redacted by the channel, as text for the exchange log. */
  String redactedParameters();

  /**
   * @param app the app the notification was sent for and verified as
   */
  record Verified(String app, TradeNotification notification, String redactedParameters)
      implements NotificationCheck {}

  record Rejected(String reason, String redactedParameters) implements NotificationCheck {}
}
