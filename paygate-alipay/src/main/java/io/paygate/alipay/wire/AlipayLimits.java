package io.paygate.alipay.wire;

import io.paygate.core.channel.ChannelRules;
import java.time.Duration;
import java.util.regex.Pattern;

/** What Alipay documents as its limits, given to the core as the channel's rules. */
public final class AlipayLimits {

  /**
   * subject 256 and body 128 characters; refund_reason 256. out_trade_no: up to 64 letters, digits
   * and underscores; Alipay documents no character set for out_request_no beyond its 64 characters,
   * so refund numbers take the same set (nothing Alipay might refuse or treat differently, nothing
   * a URL must escape). Payment codes (付款码): 16 to 24 digits starting 25 to 30. A refund that was
   * not confirmed is queried after a pause of about 10 s, as Alipay asks. Buyers: user ids are 2088
   * and digits (16 today; Alipay documents buyer_id up to 28), open ids up to 128 characters.
   */
  public static final ChannelRules RULES =
      new ChannelRules(
          256,
          128,
          256,
          new ChannelRules.Format(
              Pattern.compile("[0-9A-Za-z_]{1,64}"),
              "1 to 64 characters of letters, digits and underscore"),
          new ChannelRules.Format(
              Pattern.compile("(2[5-9]|30)\\d{14,22}"),
              "the buyer's payment code: 16 to 24 digits starting 25 to 30"),
          Duration.ofSeconds(10),
          new ChannelRules.Format(
              Pattern.compile("2088\\d{12,24}"),
              "an Alipay user id: 2088 and 12 to 24 more digits"),
          new ChannelRules.Format(
              Pattern.compile("[0-9A-Za-z_-]{1,128}"),
              "an Alipay open id: 1 to 128 letters, digits, '_' or '-'"));

  private AlipayLimits() {}
}
