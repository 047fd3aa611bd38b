package io.paygate.server.dashboard;

import static io.paygate.server.database.Times.column;
import static io.paygate.server.database.Times.read;

import io.paygate.core.channel.Channels;
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
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The dashboard's figures, summed by the database; days are the pages' zone's days. */
@Component
public class DashboardQueries {

  static final int DAYS = 30;

  private final JdbcClient jdbc;
  private final Channels channels;
  private final Clock clock;
  private final ZoneId zone;

  public DashboardQueries(JdbcClient jdbc, Channels channels, Clock clock, PagesProperties pages) {
    this.jdbc = jdbc;
    this.channels = channels;
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
        days(today.minusDays(DAYS - 1), today),
        channels.ids().size() > 1 ? byChannel(start(today), firstDay, tomorrow) : List.of());
  }

  /** Each configured channel's figures, in the channels' order; grouped by the database. */
  private List<Dashboard.ChannelFigures> byChannel(Instant today, Instant firstDay, Instant end) {
    Map<String, Dashboard.Period> ofToday = periodByChannel(today, end);
    Map<String, Dashboard.Period> ofMonth = periodByChannel(firstDay, end);
    Dashboard.Period none =
        new Dashboard.Period(BigDecimal.ZERO.setScale(2), 0, 0, 0, BigDecimal.ZERO.setScale(2), 0);
    List<Dashboard.ChannelFigures> figures = new ArrayList<>();
    for (String channel : channels.ids()) {
      figures.add(
          new Dashboard.ChannelFigures(
              channel, ofToday.getOrDefault(channel, none), ofMonth.getOrDefault(channel, none)));
    }
    return List.copyOf(figures);
  }

  private Map<String, Dashboard.Period> periodByChannel(Instant from, Instant to) {
    Map<String, Sum> paid =
        sums(
            "SELECT channel, COALESCE(SUM(total_amount), 0), COUNT(*) FROM payments"
                + " WHERE paid_at >= ? AND paid_at < ? GROUP BY channel",
            from,
            to);
    Map<String, long[]> created = new LinkedHashMap<>();
    jdbc.sql(
            "SELECT channel, COUNT(*), COUNT(paid_at) FROM payments"
                + " WHERE created_at >= ? AND created_at < ? GROUP BY channel")
        .params(column(from), column(to))
        .query(
            (RowCallbackHandler)
                row -> created.put(row.getString(1), new long[] {row.getLong(2), row.getLong(3)}));
    Map<String, Sum> refunded =
        sums(
            "SELECT p.channel, COALESCE(SUM(r.refund_amount), 0), COUNT(*) FROM refunds r"
                + " JOIN payments p ON p.out_trade_no = r.out_trade_no"
                + " WHERE r.status = 'SUCCEEDED' AND r.refunded_at >= ? AND r.refunded_at < ?"
                + " GROUP BY p.channel",
            from,
            to);
    Sum nothing = new Sum(BigDecimal.ZERO.setScale(2), 0);
    Map<String, Dashboard.Period> periods = new LinkedHashMap<>();
    for (String channel : channels.ids()) {
      Sum p = paid.getOrDefault(channel, nothing);
      long[] c = created.getOrDefault(channel, new long[2]);
      Sum r = refunded.getOrDefault(channel, nothing);
      periods.put(
          channel, new Dashboard.Period(p.amount(), p.count(), c[0], c[1], r.amount(), r.count()));
    }
    return periods;
  }

  private Map<String, Sum> sums(String sql, Instant from, Instant to) {
    Map<String, Sum> sums = new LinkedHashMap<>();
    jdbc.sql(sql)
        .params(column(from), column(to))
        .query(
            (RowCallbackHandler)
                row ->
                    sums.put(
                        row.getString(1),
                        new Sum(row.getBigDecimal(2).setScale(2), row.getLong(3))));
    return sums;
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
