package io.paygate.core.numbers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdentifiersTest {

  @Test
  void numbersAreThirtyTwoLettersAndDigitsAndDoNotCollideAtTheSameInstant() {
    Identifiers ids =
        new Identifiers(Clock.fixed(Instant.parse("2026-11-26T02:00:00Z"), ZoneOffset.UTC));
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 50_000; i++) {
      String number = ids.newOutTradeNo();
      assertThat(number).matches("[0-9A-Za-z]{32}").startsWith("P20261126020000");
      seen.add(number);
    }
    assertThat(seen).hasSize(50_000);
    assertThat(ids.newOutRequestNo()).startsWith("R").matches("[0-9A-Za-z]{32}");
  }
}
