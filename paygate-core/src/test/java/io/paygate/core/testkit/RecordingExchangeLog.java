package io.paygate.core.testkit;

import io.paygate.core.exchanges.Exchange;
import io.paygate.core.exchanges.ExchangeLog;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The exchange log kept in memory, oldest first, for reading back what was recorded; it keeps what
 * the database keeps ({@link Stored#exchange}).
 */
public final class RecordingExchangeLog implements ExchangeLog {

  // Channel calls may record from other threads (a notify served while a test waits).
  private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

  @Override
  public void record(Exchange exchange) {
    exchanges.add(Stored.exchange(exchange));
  }

  @Override
  public List<Exchange> forPayment(String outTradeNo) {
    // Oldest first by when they happened, as the table is read (ties in recording order).
    return exchanges.stream()
        .filter(e -> Objects.equals(e.outTradeNo(), outTradeNo))
        .sorted(Comparator.comparing(Exchange::at))
        .toList();
  }

  public List<Exchange> all() {
    return List.copyOf(exchanges);
  }

  public Exchange last() {
    if (exchanges.isEmpty()) {
      throw new AssertionError("no exchange was recorded");
    }
    return exchanges.get(exchanges.size() - 1);
  }
}
