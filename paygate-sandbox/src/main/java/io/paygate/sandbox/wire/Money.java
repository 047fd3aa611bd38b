package io.paygate.sandbox.wire;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;
import java.util.regex.Pattern;

/** Yuan amounts as Alipay writes them: at most two decimals, never a double. */
public final class Money {

  public static final BigDecimal MIN = new BigDecimal("0.01");
  public static final BigDecimal MAX = new BigDecimal("100000000.00");
  private static final Pattern AMOUNT = Pattern.compile("\\d{1,9}(\\.\\d{1,2})?");

  private Money() {}

  /**
   * Parses {@code "12.3"} / {@code "12.30"}; anything else (sign, exponent, 3 decimals) is empty.
   */
  public static Optional<BigDecimal> parse(String text) {
    if (text == null || !AMOUNT.matcher(text).matches()) {
      return Optional.empty();
    }
    return Optional.of(new BigDecimal(text).setScale(2, RoundingMode.UNNECESSARY));
  }

  public static boolean inRange(BigDecimal amount) {
    return amount.compareTo(MIN) >= 0 && amount.compareTo(MAX) <= 0;
  }

  public static String format(BigDecimal amount) {
    return amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
  }
}
