package io.paygate.server.pages;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/** Shows instants to people as local wall-clock time (Beijing time by default). */
public final class PageTimes {

  private final DateTimeFormatter format;

  PageTimes(PagesProperties properties) {
    this.format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(properties.zone());
  }

  public String format(Instant instant) {
    return instant == null ? "" : format.format(instant);
  }
}
