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
  void refundNumbersTakeOnlyWhatAlipayDocumentsForItsNumbers() {
    for (String number : new String[] {"R_1", "3f2b8c1e9d4a4b7ea1c25e6f7a8b9c0d", "x".repeat(64)}) {
      assertThatCode(() -> PaymentRules.checkRefundNumber("out_request_no", number))
          .as(number)
          .doesNotThrowAnyException();
    }
    // Each of these once passed the check and then broke the answer's Location after the refund.
    for (String number :
        new String[] {
          "", "x".repeat(65), "a b", "a/b", "a?b", "a#b", "a%2F", "退款1", "R|1", "{", "^", "a-b"
        }) {
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
