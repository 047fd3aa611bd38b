package io.paygate.alipay.support;

import io.paygate.core.exchanges.Exchange;
import io.paygate.core.exchanges.ExchangeLog;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-memory implementation of the core's port, for reading back what was recorded. */
public final class RecordingExchangeLog implements ExchangeLog {

  private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

  @Override
  public void record(Exchange exchange) {
    exchanges.add(exchange);
  }

  @Override
  public List<Exchange> forPayment(String outTradeNo) {
    return exchanges.stream().filter(e -> outTradeNo.equals(e.outTradeNo())).toList();
  }

  public List<Exchange> all() {
    return List.copyOf(exchanges);
  }

  public Exchange last() {
    return exchanges.get(exchanges.size() - 1);
  }
}
