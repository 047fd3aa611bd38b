package io.paygate.sandbox.wire;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Alipay writes times as Beijing wall-clock time, {@code yyyy-MM-dd HH:mm:ss}. */
public final class AlipayTime {

  public static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

  private AlipayTime() {}

  public static String format(Instant instant) {
    return SECONDS.format(instant.atZone(BEIJING));
  }

  public static String formatMillis(Instant instant) {
    return MILLIS.format(instant.atZone(BEIJING));
  }

  public static Optional<Instant> parse(String text) {
    try {
      return Optional.of(LocalDateTime.parse(text, SECONDS).atZone(BEIJING).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
