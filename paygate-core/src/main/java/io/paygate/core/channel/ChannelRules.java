package io.paygate.core.channel;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The limits a channel sets on what it is sent, checked by the core before anything is stored or
 * asked, so a caller hears a clear 400 naming the field rather than the channel's refusal later.
 *
 * @param maxSubject the longest order title, in characters
 * @param maxBody the longest order description, in characters
 * @param maxRefundReason the longest refund reason, in characters
 * @param merchantNumber the merchant's own numbers the channel accepts (out_trade_no,
 *     out_request_no); PayGate's generated numbers (32 letters and digits) must fit it
 * @param paymentCode the buyer's payment code a shop scans
 * @param refundQueryPause how long the channel asks to wait before a refund it did not confirm is
 *     asked about
 * @param buyerId the channel's user ids, by which a signed-in buyer is named (JSAPI)
 * @param buyerOpenId the open ids an app in OpenID mode knows its buyers by
 */
public record ChannelRules(
    int maxSubject,
    int maxBody,
    int maxRefundReason,
    Format merchantNumber,
    Format paymentCode,
    Duration refundQueryPause,
    Format buyerId,
    Format buyerOpenId) {

  /** Ids of signed-in buyers as any channel might write them: up to 128 plain characters. */
  public static final Format ANY_BUYER =
      new Format(Pattern.compile("[0-9A-Za-z_-]{1,128}"), "1 to 128 letters, digits, '_' or '-'");

  /** For a channel without buyers who sign in. */
  public ChannelRules(
      int maxSubject,
      int maxBody,
      int maxRefundReason,
      Format merchantNumber,
      Format paymentCode,
      Duration refundQueryPause) {
    this(
        maxSubject,
        maxBody,
        maxRefundReason,
        merchantNumber,
        paymentCode,
        refundQueryPause,
        ANY_BUYER,
        ANY_BUYER);
  }

  /**
   * A format of text, and how to say it to a caller.
   *
   * @param description what a matching value is, read after "the field is": "1 to 64 letters"
   */
  public record Format(Pattern pattern, String description) {

    public boolean matches(String value) {
      return value != null && pattern.matcher(value).matches();
    }
  }
}
