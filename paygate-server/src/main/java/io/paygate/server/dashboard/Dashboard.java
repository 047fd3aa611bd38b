package io.paygate.server.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;

/**
 * What the people who run a shop's payments look at first: what was paid today and over the last 30
 * days, what was refunded, and how many payments wait for a person.
 *
 * @param days the paid volume of each of the last 30 days, oldest first, today last
 * @param channels the same figures for each payment channel, only where more than one is configured
 *     (empty otherwise: a shop with one channel sees nothing new)
 */
public record Dashboard(
    Period today,
    Period last30Days,
    long needsAttention,
    List<Day> days,
    List<ChannelFigures> channels) {

  /** One channel's share of the figures. */
  public record ChannelFigures(String channel, Period today, Period last30Days) {}

  /**
   * One stretch of time, in the pages' zone.
   *
   * @param paidVolume the amounts of the payments paid in it
   * @param created the payments created in it
   * @param createdAndPaid those of them paid by now
   * @param refundedVolume the refunds that succeeded in it
   */
  public record Period(
      BigDecimal paidVolume,
      long paidCount,
      long created,
      long createdAndPaid,
      BigDecimal refundedVolume,
      long refundCount) {

    /** Paid of created, as people read it ("87.5%"), or a dash when nothing was created. */
    public String successRate() {
      if (created == 0) {
        return "—";
      }
      return BigDecimal.valueOf(createdAndPaid * 100)
              .divide(BigDecimal.valueOf(created), 1, RoundingMode.HALF_UP)
              .stripTrailingZeros()
              .toPlainString()
          + "%";
    }
  }

  public record Day(LocalDate day, BigDecimal volume, long count) {}
}
