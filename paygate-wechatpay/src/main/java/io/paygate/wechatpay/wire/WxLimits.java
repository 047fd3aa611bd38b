package io.paygate.wechatpay.wire;

import io.paygate.core.channel.ChannelRules;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;

/** WeChat Pay's limits on what it is sent, as the core checks them. */
public final class WxLimits {

  /** {@code description} is at most 127 bytes of UTF-8. */
  public static final int DESCRIPTION_BYTES = 127;

  /**
   * out_trade_no is 6 to 32 of {@code [0-9A-Za-z_-|*]}; out_refund_no 1 to 64 of those and '@'. One
   * format serves both (the core checks both against it), so it is the narrower.
   */
  public static final ChannelRules RULES =
      new ChannelRules(
          // The core counts characters; WeChat counts bytes. 127 characters of ASCII fit, and a
          // longer text in Chinese is cut at a character's end by description() below.
          DESCRIPTION_BYTES,
          DESCRIPTION_BYTES,
          // reason: 80 characters.
          80,
          new ChannelRules.Format(
              Pattern.compile("[0-9A-Za-z_\\-|*]{6,32}"), "6 to 32 letters, digits or _-|*"),
          // API v3 has no payment-code (micropay) payments: no code is one.
          new ChannelRules.Format(Pattern.compile("(?!)"), "not taken by WeChat Pay"),
          // A refund not settled at once is PROCESSING; WeChat asks for a pause before asking.
          Duration.ofMinutes(1),
          new ChannelRules.Format(
              Pattern.compile("[0-9A-Za-z_-]{1,128}"),
              "a WeChat openid: 1 to 128 letters, digits, _ or -"),
          new ChannelRules.Format(
              Pattern.compile("[0-9A-Za-z_-]{1,128}"),
              "a WeChat openid: 1 to 128 letters, digits, _ or -"));

  private WxLimits() {}

  /** The text cut to at most 127 bytes of UTF-8, never inside a character. */
  public static String description(String text) {
    if (text.getBytes(StandardCharsets.UTF_8).length <= DESCRIPTION_BYTES) {
      return text;
    }
    StringBuilder cut = new StringBuilder();
    int bytes = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + size > DESCRIPTION_BYTES) {
        break;
      }
      cut.appendCodePoint(cp);
      bytes += size;
      i += Character.charCount(cp);
    }
    return cut.toString();
  }
}
