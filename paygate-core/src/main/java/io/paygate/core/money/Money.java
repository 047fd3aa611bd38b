package io.paygate.core.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An exact amount of Chinese yuan (CNY) with two decimals, as Alipay puts it on the wire.
 *
 * <p>Parsed strictly from text such as {@code "12.30"}: no exponent, no sign, no more than two
 * decimals. Never negative.
 */
public record Money(BigDecimal amount) implements Comparable<Money> {

  private static final Pattern TEXT = Pattern.compile("\\d{1,12}(\\.\\d{1,2})?");

  public static final Money ZERO = new Money(BigDecimal.ZERO);

  public Money {
    Objects.requireNonNull(amount, "amount");
    if (amount.signum() < 0) {
      throw new IllegalArgumentException("an amount cannot be negative: " + amount);
    }
    if (amount.stripTrailingZeros().scale() > 2) {
      throw new IllegalArgumentException("an amount has at most two decimals: " + amount);
    }
    amount = amount.setScale(2, RoundingMode.UNNECESSARY);
  }

  /**
   * Parses a decimal string in yuan.
   *
   * @throws IllegalArgumentException when the text is not a plain non-negative decimal with at most
   *     two decimals
   */
  public static Money parse(String text) {
    if (text == null || !TEXT.matcher(text).matches()) {
      throw new IllegalArgumentException(
          "an amount is a decimal string in yuan with at most two decimals, such as \"12.30\"");
    }
    return new Money(new BigDecimal(text));
  }

  public Money plus(Money other) {
    return new Money(amount.add(other.amount));
  }

  /**
   * @throws IllegalArgumentException when the result would be negative
   */
  public Money minus(Money other) {
    return new Money(amount.subtract(other.amount));
  }

  /**
   * What is left of this amount once {@code used} is taken from it, and zero when {@code used} is
   * as much or more: what is still available is never less than nothing, even while more is held
   * than there was (a refund made in the channel's console booked while ours are still pending).
   */
  public Money leftAfter(Money used) {
    return used.compareTo(this) >= 0 ? ZERO : minus(used);
  }

  public boolean isZero() {
    return amount.signum() == 0;
  }

  public boolean isGreaterThan(Money other) {
    return compareTo(other) > 0;
  }

  public boolean isLessThan(Money other) {
    return compareTo(other) < 0;
  }

  @Override
  public int compareTo(Money other) {
    return amount.compareTo(other.amount);
  }

  /** The wire form: {@code "12.30"}. */
  @Override
  public String toString() {
    return amount.toPlainString();
  }
}
