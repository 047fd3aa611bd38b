package io.paygate.alipay.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.core.channel.ChannelRules;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AlipayLimitsTest {

  private static final ChannelRules RULES = AlipayLimits.RULES;

  @Test
  void theFieldLengthsAndThePauseAreAlipays() {
    assertThat(RULES.maxSubject()).isEqualTo(256);
    assertThat(RULES.maxBody()).isEqualTo(128);
    assertThat(RULES.maxRefundReason()).isEqualTo(256);
    assertThat(RULES.refundQueryPause()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void numbersTakeOnlyWhatAlipayDocumentsForThem() {
    for (String number : new String[] {"R_1", "3f2b8c1e9d4a4b7ea1c25e6f7a8b9c0d", "x".repeat(64)}) {
      assertThat(RULES.merchantNumber().matches(number)).as(number).isTrue();
    }
    io.paygate.core.numbers.Identifiers ours =
        new io.paygate.core.numbers.Identifiers(java.time.Clock.systemUTC());
    assertThat(RULES.merchantNumber().matches(ours.newOutTradeNo())).isTrue();
    assertThat(RULES.merchantNumber().matches(ours.newOutRequestNo())).isTrue();
    // Each of these once passed the check and then broke the answer's Location after the refund.
    for (String number :
        new String[] {
          "", "x".repeat(65), "a b", "a/b", "a?b", "a#b", "a%2F", "退款1", "R|1", "{", "^", "a-b"
        }) {
      assertThat(RULES.merchantNumber().matches(number)).as(number).isFalse();
    }
  }

  @Test
  void paymentCodesAreSixteenToTwentyFourDigitsStartingTwentyFiveToThirty() {
    assertThat(RULES.paymentCode().matches("286648048691290423")).isTrue();
    assertThat(RULES.paymentCode().matches("3012345678901234")).isTrue();
    assertThat(RULES.paymentCode().matches("24" + "1".repeat(16))).isFalse();
    assertThat(RULES.paymentCode().matches("31" + "1".repeat(16))).isFalse();
    assertThat(RULES.paymentCode().matches("28" + "1".repeat(23))).isFalse();
    assertThat(RULES.paymentCode().matches("28abc")).isFalse();
  }
}
