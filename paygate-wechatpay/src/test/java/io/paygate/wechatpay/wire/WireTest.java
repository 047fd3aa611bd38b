package io.paygate.wechatpay.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.core.money.Money;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WireTest {

  @Test
  void amountsAreWholeFenBothWays() {
    assertThat(Fen.of(Money.parse("12.34"))).isEqualTo(1234L);
    assertThat(Fen.of(Money.parse("0.01"))).isEqualTo(1L);
    assertThat(Fen.intOf(Money.parse("100"))).isEqualTo(10000);
    assertThat(Fen.money(1234)).isEqualTo(Money.parse("12.34"));
    assertThat(Fen.money(1)).isEqualTo(Money.parse("0.01"));
  }

  @Test
  void aDescriptionIsCutTo127BytesAtACharactersEnd() {
    String ascii = "a".repeat(127);
    assertThat(WxLimits.description(ascii)).isEqualTo(ascii);
    String chinese = "咖".repeat(50); // 150 bytes
    String cut = WxLimits.description(chinese);
    assertThat(cut).isEqualTo("咖".repeat(42));
    assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(127);
    assertThat(WxLimits.description("a" + "😀".repeat(40)).getBytes(StandardCharsets.UTF_8))
        .hasSizeLessThanOrEqualTo(127);
  }

  @Test
  void numbersFollowWechatsFormatAndPayGatesFitIt() {
    var format = WxLimits.RULES.merchantNumber();
    assertThat(format.matches("PG" + "0123456789abcdef0123456789ab")).isTrue();
    assertThat(format.matches("a|b*c_d-e")).isTrue();
    assertThat(format.matches("short")).isFalse();
    assertThat(format.matches("x".repeat(33))).isFalse();
    assertThat(format.matches("with space")).isFalse();
    assertThat(WxLimits.RULES.paymentCode().matches("134567890123456789")).isFalse();
  }

  @Test
  void timesAreWrittenInChinasOffsetAndReadWithAny() {
    Instant at = Instant.parse("2026-12-01T02:00:00.123Z");
    assertThat(WxTimes.format(at)).isEqualTo("2026-12-01T10:00:00+08:00");
    assertThat(WxTimes.parse("2026-12-01T10:00:00+08:00"))
        .isEqualTo(Instant.parse("2026-12-01T02:00:00Z"));
    assertThat(WxTimes.parse("garbage")).isNull();
    assertThat(WxTimes.parse(null)).isNull();
  }
}
