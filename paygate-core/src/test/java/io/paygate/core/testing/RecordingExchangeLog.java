package io.paygate.core.testing;

import io.paygate.core.exchanges.Exchange;
import io.paygate.core.exchanges.ExchangeLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Keeps every exchange, oldest first. */
public final class RecordingExchangeLog implements ExchangeLog {

  private final List<Exchange> exchanges = new ArrayList<>();

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
