package io.paygate.core.exchanges;

import java.time.Instant;

/**
 * One exchange with the outside world, kept for operators: an outbound channel call or an inbound
 * notification. Request and response texts must already be redacted (no keys, no signatures).
 *
 * @param outcome a short word: ok, refused, unknown, rejected, …
 */
public record Exchange(
    Instant at,
    Direction direction,
    String operation,
    String outTradeNo,
    String request,
    String response,
    String outcome,
    long durationMillis) {

  public enum Direction {
    OUTBOUND,
    INBOUND
  }
}
