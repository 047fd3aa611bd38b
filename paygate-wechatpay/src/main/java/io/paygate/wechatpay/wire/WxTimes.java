package io.paygate.wechatpay.wire;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** WeChat Pay's times: RFC 3339 with an offset, written in China's (+08:00). */
public final class WxTimes {

  public static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

  private WxTimes() {}

  public static String format(Instant instant) {
    return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), CHINA)
        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  /** The instant, or null for an absent or unreadable time. */
  public static Instant parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
