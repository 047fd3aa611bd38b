package io.paygate.sandbox.bills;

import io.paygate.sandbox.wire.AlipayTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A bill's period in Beijing time: one day ({@code yyyy-MM-dd}) or one month ({@code yyyy-MM}).
 *
 * @param text the bill_date as given
 */
public record BillPeriod(String text, LocalDate first, LocalDate endExclusive, boolean monthly) {

  private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");
  private static final DateTimeFormatter CHINESE = DateTimeFormatter.ofPattern("yyyy年MM月dd日");

  public static Optional<BillPeriod> parse(String text) {
    try {
      if (DAY.matcher(text).matches()) {
        LocalDate day = LocalDate.parse(text);
        return Optional.of(new BillPeriod(text, day, day.plusDays(1), false));
      }
      if (MONTH.matcher(text).matches()) {
        YearMonth month = YearMonth.parse(text);
        return Optional.of(
            new BillPeriod(text, month.atDay(1), month.plusMonths(1).atDay(1), true));
      }
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  public Instant start() {
    return first.atStartOfDay(AlipayTime.BEIJING).toInstant();
  }

  public Instant end() {
    return endExclusive.atStartOfDay(AlipayTime.BEIJING).toInstant();
  }

  /** Bills exist only for periods that are over (no bill for today or this month). */
  public boolean overAt(Instant now) {
    return !end().isAfter(now);
  }

  /** {@code 20260605} or {@code 202606}, as in file names. */
  public String compact() {
    return text.replace("-", "");
  }

  /** {@code #起始日期：[2026年06月05日 00:00:00] 终止日期：[2026年06月06日 00:00:00]}. */
  public String headerLine() {
    return "#起始日期：["
        + CHINESE.format(first)
        + " 00:00:00]   终止日期：["
        + CHINESE.format(endExclusive)
        + " 00:00:00]";
  }
}
