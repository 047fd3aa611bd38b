package io.paygate.core.numbers;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Generates merchant-side numbers (out_trade_no, out_request_no) that are unique across instances
 * without coordination: a readable UTC time prefix plus 96 random bits in base 62. 32 letters and
 * digits in all: within every channel's alphabet for them, nothing a URL must escape.
 */
public final class Identifiers {

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
