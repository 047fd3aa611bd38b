package io.paygate.alipay.wire;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Date;

/** Alipay's wall-clock times: {@code yyyy-MM-dd HH:mm:ss}, Beijing time, whatever our zone. */
public final class AlipayTimes {

  public static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

  private static final DateTimeFormatter WRITE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(BEIJING);

  /** Also reads refund times, which carry milliseconds ("2021-07-14 09:51:36.631"). */
  private static final DateTimeFormatter READ =
      new DateTimeFormatterBuilder()
          .appendPattern("yyyy-MM-dd HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
          .optionalEnd()
          .toFormatter();

  private AlipayTimes() {}

  public static String write(Instant instant) {
    return WRITE.format(instant);
  }

  /**
   * @return null for null or blank text
   * @throws IllegalArgumentException when the text is not an Alipay time
   */
  public static Instant read(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return LocalDateTime.parse(text.strip(), READ).atZone(BEIJING).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not an Alipay time (yyyy-MM-dd HH:mm:ss)");
    }
  }

  /** The SDK already parsed its Date fields in GMT+8; this only changes the type. */
  public static Instant of(Date date) {
    return date == null ? null : date.toInstant();
  }
}
