package io.paygate.core.numbers;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * Generates merchant-side numbers (out_trade_no, out_request_no) that are unique across instances
 * without coordination: a readable UTC time prefix plus 96 random bits in base 62.
 */
public final class Identifiers {

  /**
   * What Alipay documents for out_trade_no: up to 64 letters, digits and underscores. Alipay
   * documents no character set for out_request_no beyond its 64 characters, so refund numbers take
   * the same set: nothing Alipay might refuse or treat differently, nothing a URL must escape.
   */
  public static final Pattern MERCHANT_NUMBER = Pattern.compile("[0-9A-Za-z_]{1,64}");

  private static final char[] BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
  private static final DateTimeFormatter PREFIX =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public Identifiers(Clock clock) {
    this.clock = clock;
  }

  public String newOutTradeNo() {
    return "P" + PREFIX.format(clock.instant()) + randomPart();
  }

  public String newOutRequestNo() {
    return "R" + PREFIX.format(clock.instant()) + randomPart();
  }

  private String randomPart() {
    StringBuilder text = new StringBuilder(17);
    for (int i = 0; i < 17; i++) {
      text.append(BASE62[random.nextInt(BASE62.length)]);
    }
    return text.toString();
  }
}
