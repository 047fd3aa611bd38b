package io.paygate.wechatpay.gateway;

import io.paygate.core.exchanges.Exchange;
import io.paygate.core.exchanges.ExchangeLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Keeps each call to WeChat Pay for operators: what was asked and the neutral outcome it gave, with
 * the front-end signatures removed (a paySign or sign would let anyone replay the payment page),
 * and a signed-in buyer's openid and any AppSecret or token of WeChat's sign-in. Recording never
 * fails the call.
 */
public final class Exchanges {

  private static final Pattern REDACTED =
      Pattern.compile(
          "\\b(paySign|sign|openId|openid|secret|appSecret|access_token|refresh_token)=[^,}\\]&]*");

  private final ExchangeLog log;
  private final Clock clock;

  public Exchanges(ExchangeLog log, Clock clock) {
    this.log = log;
    this.clock = clock;
  }

  /**
   * Runs the call and records it.
   *
   * @param operation WeChat Pay's API, as the exchange log names it ("wechatpay.refund")
   * @param request what was asked, in words an operator reads (no keys: none are in an order)
   */
  public <T> T call(String operation, String outTradeNo, String request, Supplier<T> call) {
    Instant start = clock.instant();
    T outcome = call.get();
    try {
      log.record(
          new Exchange(
              start,
              Exchange.Direction.OUTBOUND,
              operation,
              outTradeNo,
              request,
              redact(String.valueOf(outcome)),
              word(outcome),
              Duration.between(start, clock.instant()).toMillis()));
    } catch (RuntimeException e) {
      // The books do not depend on the log; the call's outcome stands.
    }
    return outcome;
  }

  static String redact(String text) {
    return REDACTED.matcher(text).replaceAll("$1=(redacted)");
  }

  /** The neutral outcome's kind as the exchange log's short word. */
  static String word(Object outcome) {
    String kind = outcome == null ? "" : outcome.getClass().getSimpleName();
    return switch (kind) {
      case "NotFound", "NotRefunded" -> "not-found";
      case "Refused" -> "refused";
      case "Unknown", "NotReady" -> "unknown";
      default -> "ok";
    };
  }
}
