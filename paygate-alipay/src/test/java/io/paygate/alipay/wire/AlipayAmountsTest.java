package io.paygate.alipay.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paygate.core.money.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AlipayAmountsTest {

  @Test
  void readsAlipaysOwnForms() {
    assertThat(AlipayAmounts.read("20.00")).isEqualTo(Money.parse("20.00"));
    assertThat(AlipayAmounts.read(" 20 ")).isEqualTo(Money.parse("20.00"));
    assertThat(AlipayAmounts.read("20.000")).isEqualTo(Money.parse("20.00"));
    assertThat(AlipayAmounts.read("")).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e2", "+5", "-1.00", "1E+999999999", "20.001", "abc", "1,00"})
  void refusesAnythingButPlainCents(String text) {
    assertThatThrownBy(() -> AlipayAmounts.read(text)).isInstanceOf(IllegalArgumentException.class);
  }
}
