package io.paygate.core.channel;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One day's bill as the channel publishes it: every payment and refund it finished in the window.
 *
 * @param date the bill's day in the channel's own time zone
 * @param from the window's start (inclusive), as an instant
 * @param to the window's end (exclusive)
 */
public record ChannelBill(LocalDate date, Instant from, Instant to, List<BillEntry> entries) {

  public ChannelBill {
    entries = List.copyOf(entries);
  }
}
