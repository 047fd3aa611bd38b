package io.paygate.core.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {

  @Test
  void parsesYuanStringsExactlyAndPrintsTwoDecimals() {
    assertThat(Money.parse("12.3").toString()).isEqualTo("12.30");
    assertThat(Money.parse("0.01").amount()).isEqualByComparingTo("0.01");
    assertThat(Money.parse("100000000").toString()).isEqualTo("100000000.00");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " 1.00", "1.001", "-1.00", "1e3", "1,00", "0x10", ".5", "1.", "NaN"})
  void refusesAnythingButAPlainDecimal(String text) {
    assertThatThrownBy(() -> Money.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesNull() {
    assertThatThrownBy(() -> Money.parse(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void arithmeticIsExact() {
    Money sum = Money.parse("0.10").plus(Money.parse("0.20"));
    assertThat(sum).isEqualTo(Money.parse("0.30"));
    assertThat(Money.parse("10.00").minus(Money.parse("3.33"))).isEqualTo(Money.parse("6.67"));
  }

  @Test
  void whatIsLeftAfterMoreThanThereWasIsNothingNeverANegativeAmount() {
    assertThat(Money.parse("10.00").leftAfter(Money.parse("3.50"))).isEqualTo(Money.parse("6.50"));
    assertThat(Money.parse("10.00").leftAfter(Money.parse("10.00"))).isEqualTo(Money.ZERO);
    assertThat(Money.parse("10.00").leftAfter(Money.parse("11.00"))).isEqualTo(Money.ZERO);
  }

  @Test
  void neverNegative() {
    assertThatThrownBy(() -> Money.parse("1.00").minus(Money.parse("1.01")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Money(new BigDecimal("0.001")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void equalAmountsAreEqualWhateverTheirScale() {
    assertThat(new Money(new BigDecimal("5"))).isEqualTo(Money.parse("5.00"));
    assertThat(Money.parse("5.00").compareTo(Money.parse("5.01"))).isNegative();
  }
}
