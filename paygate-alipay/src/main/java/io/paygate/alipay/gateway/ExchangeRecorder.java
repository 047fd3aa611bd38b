package io.paygate.alipay.gateway;

import io.paygate.core.exchanges.Exchange;
import io.paygate.core.exchanges.ExchangeLog;
import java.time.Clock;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Writes outbound exchanges to the core's log, redacted; a failing log never fails the call. */
public final class ExchangeRecorder {

  private static final Logger LOG = Logger.getLogger(ExchangeRecorder.class.getName());

  private final ExchangeLog log;
  private final Clock clock;

  public ExchangeRecorder(ExchangeLog log, Clock clock) {
    this.log = log;
    this.clock = clock;
  }

  public Instant now() {
    return clock.instant();
  }

  public void outbound(
      Instant at,
      String operation,
      String outTradeNo,
      String request,
      String response,
      String outcome,
      long durationMillis) {
    try {
      log.record(
          new Exchange(
              at,
              Exchange.Direction.OUTBOUND,
              operation,
              outTradeNo,
              Redaction.redact(request),
              Redaction.redact(response),
              outcome,
              durationMillis));
    } catch (RuntimeException e) {
      // The payment matters more than its paper trail.
      LOG.log(Level.WARNING, "could not record the " + operation + " exchange", e);
    }
  }
}
