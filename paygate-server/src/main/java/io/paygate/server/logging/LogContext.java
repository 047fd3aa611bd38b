package io.paygate.server.logging;

import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * The payment (and refund) a request or job is about, on every log line it writes: MDC keys {@code
 * out_trade_no} and {@code out_request_no}. Only numbers that look like merchant numbers are put
 * there, so a forged request cannot write line breaks or markup into the log.
 */
public final class LogContext implements AutoCloseable {

  public static final String OUT_TRADE_NO = "out_trade_no";
  public static final String OUT_REQUEST_NO = "out_request_no";

  private static final Pattern NUMBER = Pattern.compile("[0-9A-Za-z_\\-.]{1,64}");

  private final String[] keys;

  private LogContext(String... keys) {
    this.keys = keys;
  }

  public static LogContext trade(String outTradeNo) {
    return put(OUT_TRADE_NO, outTradeNo);
  }

  public static LogContext refund(String outTradeNo, String outRequestNo) {
    trade(outTradeNo);
    put(OUT_REQUEST_NO, outRequestNo);
    return new LogContext(OUT_TRADE_NO, OUT_REQUEST_NO);
  }

  private static LogContext put(String key, String value) {
    if (value != null && NUMBER.matcher(value).matches()) {
      MDC.put(key, value);
    }
    return new LogContext(key);
  }

  @Override
  public void close() {
    for (String key : keys) {
      MDC.remove(key);
    }
  }
}
