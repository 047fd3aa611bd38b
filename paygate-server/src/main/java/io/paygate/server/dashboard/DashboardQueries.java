package io.paygate.server.dashboard;

import static io.paygate.server.database.Times.column;
import static io.paygate.server.database.Times.read;

import io.paygate.server.pages.PagesProperties;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The dashboard's figures, summed by the database; days are the pages' zone's days. */
@Component
public class DashboardQueries {

  static final int DAYS = 30;

  private final JdbcClient jdbc;
  private final Clock clock;
  private final ZoneId zone;

  public DashboardQueries(JdbcClient jdbc, Clock clock, PagesProperties pages) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.zone = pages.zone();
  }

  public Dashboard dashboard() {
    LocalDate today = clock.instant().atZone(zone).toLocalDate();
    Instant tomorrow = start(today.plusDays(1));
    Instant firstDay = start(today.minusDays(DAYS - 1));
    long attention =
        jdbc.sql("SELECT COUNT(*) FROM payments WHERE attention IS NOT NULL")
            .query(Long.class)
            .single();
    return new Dashboard(
        period(start(today), tomorrow),
        period(firstDay, tomorrow),
        attention,
        days(today.minusDays(DAYS - 1), today));
  }

  private record Sum(BigDecimal amount, long count) {}

  private Dashboard.Period period(Instant from, Instant to) {
    Sum paid =
        sum(
            "SELECT COALESCE(SUM(total_amount), 0), COUNT(*) FROM payments"
                + " WHERE paid_at >= ? AND paid_at < ?",
            from,
            to);
    long[] created =
        jdbc.sql(
                "SELECT COUNT(*), COUNT(paid_at) FROM payments"
                    + " WHERE created_at >= ? AND created_at < ?")
            .params(column(from), column(to))
            .query((row, n) -> new long[] {row.getLong(1), row.getLong(2)})
            .single();
    Sum refunded =
        sum(
            "SELECT COALESCE(SUM(refund_amount), 0), COUNT(*) FROM refunds"
                + " WHERE status = 'SUCCEEDED' AND refunded_at >= ? AND refunded_at < ?",
            from,
            to);
    return new Dashboard.Period(
        paid.amount(), paid.count(), created[0], created[1], refunded.amount(), refunded.count());
  }

  private Sum sum(String sql, Instant from, Instant to) {
    return jdbc.sql(sql)
        .params(column(from), column(to))
        .query((row, n) -> new Sum(row.getBigDecimal(1).setScale(2), row.getLong(2)))
        .single();
  }

  /**
   * Each day's paid volume. Grouping by a zone's day is not portable SQL, so the rows of the period
   * are read (by the paid_at index, one at a time) and summed here.
   */
  private List<Dashboard.Day> days(LocalDate first, LocalDate last) {
    Map<LocalDate, BigDecimal> volume = new LinkedHashMap<>();
    Map<LocalDate, Long> count = new LinkedHashMap<>();
    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
      volume.put(day, BigDecimal.ZERO.setScale(2));
      count.put(day, 0L);
    }
    jdbc.sql("SELECT paid_at, total_amount FROM payments WHERE paid_at >= ? AND paid_at < ?")
        .params(column(start(first)), column(start(last.plusDays(1))))
        .query(
            row -> {
              LocalDate day = read(row, "paid_at").atZone(zone).toLocalDate();
              volume.merge(day, row.getBigDecimal("total_amount"), BigDecimal::add);
              count.merge(day, 1L, Long::sum);
            });
    List<Dashboard.Day> days = new ArrayList<>();
    volume.forEach((day, sum) -> days.add(new Dashboard.Day(day, sum, count.get(day))));
    return List.copyOf(days);
  }

  private Instant start(LocalDate day) {
    return day.atStartOfDay(zone).toInstant();
  }
}
