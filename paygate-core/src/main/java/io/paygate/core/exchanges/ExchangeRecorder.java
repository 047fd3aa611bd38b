package io.paygate.core.exchanges;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;

/**
 * The one place exchanges are written, both ways: the channel's calls out and the notifications in.
 * The texts come redacted by whoever knows their format (the channel); a failing log never fails
 * the payment it describes.
 */
public final class ExchangeRecorder {

  private static final System.Logger LOG = System.getLogger(ExchangeRecorder.class.getName());

  private final ExchangeLog log;
  private final Clock clock;

  public ExchangeRecorder(ExchangeLog log, Clock clock) {
    this.log = log;
    this.clock = clock;
  }

  public Instant now() {
    return clock.instant();
  }

  /** A call to the channel that started at {@code at}; texts already redacted. */
  public void outbound(
      Instant at,
      String operation,
      String outTradeNo,
      String redactedRequest,
      String redactedResponse,
      String outcome,
      long durationMillis) {
    write(
        new Exchange(
            at,
            Exchange.Direction.OUTBOUND,
            operation,
            outTradeNo,
            redactedRequest,
            redactedResponse,
            outcome,
            durationMillis));
  }

  /** A message from the channel received at {@code at}, and what PayGate answered. */
  public void inbound(
      Instant at,
      String operation,
      String outTradeNo,
      String redactedRequest,
      String answer,
      String outcome,
      long durationMillis) {
    write(
        new Exchange(
            at,
            Exchange.Direction.INBOUND,
            operation,
            outTradeNo,
            redactedRequest,
            answer,
            outcome,
            durationMillis));
  }

  private void write(Exchange exchange) {
    try {
      log.record(exchange);
    } catch (RuntimeException e) {
      // The payment matters more than its paper trail.
      LOG.log(Level.WARNING, "could not record the " + exchange.operation() + " exchange", e);
    }
  }
}
