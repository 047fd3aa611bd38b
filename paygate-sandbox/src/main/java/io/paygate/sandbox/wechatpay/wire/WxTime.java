package io.paygate.sandbox.wechatpay.wire;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** WeChat Pay's times: RFC 3339 with Beijing's offset, {@code 2026-12-01T10:00:00+08:00}. */
public final class WxTime {

  public static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

  private WxTime() {}

  public static String format(Instant instant) {
    return FORMAT.format(instant.atOffset(BEIJING));
  }

  /** Any RFC 3339 / ISO-8601 time with an offset (millis and {@code Z} too); empty if not one. */
  public static Optional<Instant> parse(String text) {
    try {
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException | NullPointerException e) {
      return Optional.empty();
    }
  }
}
