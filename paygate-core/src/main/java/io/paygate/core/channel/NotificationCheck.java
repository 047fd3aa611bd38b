package io.paygate.core.channel;

/**
 * The channel's word on an inbound notification: genuine (its signature and the merchant account it
 * names both checked by the channel) and what it says, or rejected and why. Either way it carries
 * what was received as it may be kept for operators (the channel's secrets removed) and the two
 * replies the channel wants sent: one once the notification's effect is committed, one to have it
 * delivered again (or to turn a forgery away).
 */
public sealed interface NotificationCheck {

  /** What was received, redacted by the channel, as text for the exchange log. */
  String redactedParameters();

  NotifyReply.Choice replies();

  /**
   * @param app the app the notification was sent for and verified as
   */
  record Verified(
      String app,
      TradeNotification notification,
      String redactedParameters,
      NotifyReply.Choice replies)
      implements NotificationCheck {}

  /**
   * @param claimedOutTradeNo the payment the notification claims to be about, unverified: for log
   *     lines only, never for the books; null when it names none
   */
  record Rejected(
      String reason,
      String claimedOutTradeNo,
      String redactedParameters,
      NotifyReply.Choice replies)
      implements NotificationCheck {}
}
