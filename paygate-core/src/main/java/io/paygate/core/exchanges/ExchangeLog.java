package io.paygate.core.exchanges;

import java.util.List;

/** Port: where exchanges with the outside are recorded. Recording never fails the caller. */
public interface ExchangeLog {

  void record(Exchange exchange);

  /** The exchanges concerning one payment, oldest first. */
  List<Exchange> forPayment(String outTradeNo);
}
