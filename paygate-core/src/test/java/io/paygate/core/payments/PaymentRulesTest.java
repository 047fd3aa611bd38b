package io.paygate.core.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paygate.core.channel.ChannelRules;
import io.paygate.core.channel.Product;
import io.paygate.core.errors.ErrorCode;
import io.paygate.core.errors.PayGateException;
import io.paygate.core.money.Money;
import io.paygate.core.testing.FakeChannel;
import org.junit.jupiter.api.Test;

class PaymentRulesTest {

  /** The channel's limits, as the fake channel sets them. */
  private static final ChannelRules RULES = FakeChannel.RULES;

  private static NewPayment payment(String amount, String subject, String outTradeNo) {
    return new NewPayment(Money.parse(amount), subject, null, Product.PAGE, outTradeNo);
  }

  @Test
  void acceptsTheAmountRangeAndTheChannelsLimits() {
    assertThatCode(() -> PaymentRules.checkNewPayment(payment("0.01", "a", null), RULES))
        .doesNotThrowAnyException();
    assertThatCode(() -> PaymentRules.checkNewPayment(payment("100000000.00", "a", "A_1"), RULES))
        .doesNotThrowAnyException();
  }

  @Test
  void namesTheFieldAtFault() {
    assertField(
        () -> PaymentRules.checkNewPayment(payment("0.00", "a", null), RULES), "total_amount");
    assertField(
        () -> PaymentRules.checkNewPayment(payment("100000000.01", "a", null), RULES),
        "total_amount");
    assertField(() -> PaymentRules.checkNewPayment(payment("1.00", " ", null), RULES), "subject");
    assertField(
        () -> PaymentRules.checkNewPayment(payment("1.00", "x".repeat(257), null), RULES),
        "subject");
    assertField(
        () -> PaymentRules.checkNewPayment(payment("1.00", "a", "has-dash"), RULES),
        "out_trade_no");
    assertField(
        () -> PaymentRules.checkNewPayment(payment("1.00", "a", "x".repeat(65)), RULES),
        "out_trade_no");
  }

  @Test
  void refundNumbersTakeOnlyTheChannelsAlphabet() {
    for (String number : new String[] {"R_1", "3f2b8c1e9d4a4b7ea1c25e6f7a8b9c0d", "x".repeat(64)}) {
      assertThatCode(() -> PaymentRules.checkNewRefund(null, number, RULES))
          .as(number)
          .doesNotThrowAnyException();
    }
    // Each of these once passed the check and then broke the answer's Location after the refund.
    for (String number :
        new String[] {
          "", "x".repeat(65), "a b", "a/b", "a?b", "a#b", "a%2F", "退款1", "R|1", "{", "^", "a-b"
        }) {
      assertField(() -> PaymentRules.checkNewRefund(null, number, RULES), "out_request_no");
    }
  }

  @Test
  void theLimitsAreTheChannelsOwn() {
    ChannelRules narrow =
        new ChannelRules(
            10,
            5,
            8,
            new ChannelRules.Format(java.util.regex.Pattern.compile("[0-9]{6,8}"), "6 to 8 digits"),
            RULES.paymentCode(),
            java.time.Duration.ZERO);
    assertField(
        () -> PaymentRules.checkNewPayment(payment("1.00", "x".repeat(11), null), narrow),
        "subject");
    assertField(
        () -> PaymentRules.checkNewPayment(payment("1.00", "a", "A_1"), narrow), "out_trade_no");
    assertThatCode(
            () -> PaymentRules.checkNewPayment(payment("1.00", "x".repeat(10), "123456"), narrow))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> PaymentRules.checkNewRefund("x".repeat(9), null, narrow))
        .hasMessage("refund_reason is at most 8 characters");
    assertThatThrownBy(() -> PaymentRules.checkNewRefund(null, "12345", narrow))
        .hasMessage("out_request_no is 6 to 8 digits");
  }

  private static void assertField(Runnable check, String field) {
    assertThatThrownBy(check::run)
        .isInstanceOfSatisfying(
            PayGateException.class,
            refusal -> {
              assertThat(refusal.field()).isEqualTo(field);
              assertThat(refusal.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
            });
  }
}
