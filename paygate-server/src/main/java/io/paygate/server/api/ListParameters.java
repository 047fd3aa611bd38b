package io.paygate.server.api;

import io.paygate.core.channel.Channels;
import io.paygate.core.errors.PayGateException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** The listing routes' shared parameters, checked the same way everywhere. */
public final class ListParameters {

  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 100;

  private ListParameters() {}

  public static int limit(Integer limit) {
    if (limit == null) {
      return DEFAULT_LIMIT;
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw PayGateException.invalid("limit", "limit must be between 1 and " + MAX_LIMIT);
    }
    return limit;
  }

  /** An ISO-8601 time with its offset ({@code 2026-12-01T00:00:00+08:00}), or null when absent. */
  public static Instant time(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value.trim()).toInstant();
    } catch (DateTimeParseException e) {
      throw PayGateException.invalid(
          field,
          field + " must be an ISO-8601 time with its offset, like 2026-12-01T00:00:00+08:00");
    }
  }

  /** An enum constant by its name, or null when absent. */
  public static <E extends Enum<E>> E oneOf(String field, String value, Class<E> type) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Enum.valueOf(type, value.trim());
    } catch (IllegalArgumentException e) {
      throw PayGateException.invalid(
          field, field + " must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
    }
  }

  /**
   * A configured payment channel's id ({@code alipay}, {@code wechatpay}), or null when absent;
   * another is a 400 naming the field {@code channel}.
   */
  public static String channel(Channels channels, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    if (!channels.has(value.trim())) {
      throw PayGateException.invalid("channel", "channel must be one of " + channels.ids());
    }
    return value.trim();
  }
}
