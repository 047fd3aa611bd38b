package io.paygate.alipay.wire;

import io.paygate.core.money.Money;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/** Amounts on Alipay's wire: decimal strings in yuan ("20.00"), never doubles. */
public final class AlipayAmounts {

  private static final Pattern PLAIN_DECIMAL = Pattern.compile("\\d{1,12}(\\.\\d{1,6})?");

  private AlipayAmounts() {}

  /**
   * Reads an amount Alipay sent. Lenient only where Alipay's own text may differ from our strict
   * form (surrounding blanks, a number such as "20.000" that a JSON number became); anything that
   * is not an exact, non-negative amount of cents is refused.
   *
   * @return null when the text is null or blank
   * @throws IllegalArgumentException when the text is not an amount
   */
  public static Money read(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String trimmed = text.strip();
    // Plain digits only: no sign, no exponent (an exponent could ask for a billion digits).
    if (!PLAIN_DECIMAL.matcher(trimmed).matches()) {
      throw new IllegalArgumentException("not an amount: " + quoteShort(trimmed));
    }
    try {
      return new Money(new BigDecimal(trimmed));
    } catch (IllegalArgumentException notCents) {
      throw new IllegalArgumentException("not an amount: " + quoteShort(trimmed));
    }
  }

  /** The wire form we send: "12.30". */
  public static String write(Money money) {
    return money.toString();
  }

  private static String quoteShort(String text) {
    return "\"" + (text.length() > 20 ? text.substring(0, 20) + "…" : text) + "\"";
  }
}
