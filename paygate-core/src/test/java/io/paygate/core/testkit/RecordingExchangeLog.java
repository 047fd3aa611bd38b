package io.paygate.core.testkit;

import io.paygate.core.exchanges.Exchange;
import io.paygate.core.exchanges.ExchangeLog;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/** The exchange log kept in memory, oldest first, for reading back what was recorded. */
public final class RecordingExchangeLog implements ExchangeLog {

  // Channel calls may record from other threads (a notify served while a test waits).
  private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

  @Override
  public void record(Exchange exchange) {
    exchanges.add(exchange);
  }

  @Override
  public List<Exchange> forPayment(String outTradeNo) {
    return exchanges.stream().filter(e -> Objects.equals(e.outTradeNo(), outTradeNo)).toList();
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
