package io.paygate.core.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paygate.core.channel.Product;
import io.paygate.core.errors.ErrorCode;
import io.paygate.core.errors.PayGateException;
import io.paygate.core.money.Money;
import org.junit.jupiter.api.Test;

class PaymentRulesTest {

  private static NewPayment payment(String amount, String subject, String outTradeNo) {
    return new NewPayment(Money.parse(amount), subject, null, Product.PAGE, outTradeNo);
  }

  @Test
  void acceptsAlipaysRange() {
    assertThatCode(() -> PaymentRules.checkNewPayment(payment("0.01", "a", null)))
        .doesNotThrowAnyException();
    assertThatCode(() -> PaymentRules.checkNewPayment(payment("100000000.00", "a", "A_1")))
        .doesNotThrowAnyException();
  }

  @Test
  void namesTheFieldAtFault() {
    assertField(() -> PaymentRules.checkNewPayment(payment("0.00", "a", null)), "total_amount");
    assertField(
        () -> PaymentRules.checkNewPayment(payment("100000000.01", "a", null)), "total_amount");
    assertField(() -> PaymentRules.checkNewPayment(payment("1.00", " ", null)), "subject");
    assertField(
        () -> PaymentRules.checkNewPayment(payment("1.00", "x".repeat(257), null)), "subject");
    assertField(
        () -> PaymentRules.checkNewPayment(payment("1.00", "a", "has-dash")), "out_trade_no");
    assertField(
        () -> PaymentRules.checkNewPayment(payment("1.00", "a", "x".repeat(65))), "out_trade_no");
  }

  @Test
  void refundNumbersAreWhatAlipayTakesUuidsIncluded() {
    for (String number :
        new String[] {
          "3f2b8c1e-9d4a-4b7e-a1c2-5e6f7a8b9c0d", "R_1", "2026-12-03.1:a", "x".repeat(64)
        }) {
      assertThatCode(() -> PaymentRules.checkRefundNumber("out_request_no", number))
          .as(number)
          .doesNotThrowAnyException();
    }
    for (String number :
        new String[] {"", "x".repeat(65), "a b", "a/b", "a?b", "a#b", "a%2F", "退款1"}) {
      assertField(() -> PaymentRules.checkRefundNumber("out_request_no", number), "out_request_no");
    }
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
