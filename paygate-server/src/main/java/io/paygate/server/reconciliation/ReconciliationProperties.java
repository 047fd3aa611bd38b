package io.paygate.server.reconciliation;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The daily reconciliation ({@code paygate.reconciliation.*}).
 *
 * @param enabled whether yesterday's bill is reconciled every day (the API works either way)
 * @param dailyAt when, in Beijing time ({@code HH:mm}); Alipay publishes a day's bill the next
 *     morning
 * @param retryEvery how soon to try again when the bill is not ready or Alipay did not answer
 */
@Validated
@ConfigurationProperties("paygate.reconciliation")
public record ReconciliationProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("10:00") String dailyAt,
    @DefaultValue("30m") Duration retryEvery) {

  private static final DateTimeFormatter HOURS_MINUTES = DateTimeFormatter.ofPattern("HH:mm");

  public ReconciliationProperties {
    time(dailyAt);
    if (retryEvery.compareTo(Duration.ofMinutes(1)) < 0
        || retryEvery.compareTo(Duration.ofHours(12)) > 0) {
      throw new IllegalArgumentException(
          "paygate.reconciliation.retry-every must be 1m to 12h, got " + retryEvery);
    }
  }

  /** {@link #dailyAt} as a time of day. */
  public LocalTime time() {
    return time(dailyAt);
  }

  private static LocalTime time(String text) {
    try {
      return LocalTime.parse(text.trim(), HOURS_MINUTES);
    } catch (DateTimeParseException | NullPointerException e) {
      throw new IllegalArgumentException(
          "paygate.reconciliation.daily-at must be a Beijing time of day as HH:mm, such as 10:00,"
              + " got: "
              + text);
    }
  }
}
