package io.paygate.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paygate.core.money.Money;
import io.paygate.core.payments.Payment;
import io.paygate.core.payments.PaymentStatus;
import io.paygate.core.payments.PaymentTransition;
import io.paygate.core.refunds.Refund;
import io.paygate.core.refunds.RefundChange;
import io.paygate.core.refunds.RefundOrigin;
import io.paygate.core.refunds.RefundStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The fakes keep the ports' contracts, or the tests built on them prove nothing. */
class FakesContractTest {

  private final CoreFixture core = new CoreFixture();

  private Refund refund(String outTradeNo, String number, String amount, RefundStatus status) {
    Instant now = core.clock.instant();
    return new Refund(
        outTradeNo,
        number,
        Money.parse(amount),
        null,
        status,
        null,
        null,
        now,
        now,
        null,
        RefundOrigin.PAYGATE);
  }

  @Test
  void thePaymentRepositoryRefusesATakenNumberAndChangesStatusOnlyFromAllowedOnes() {
    Payment payment = core.pendingPayment("10.00");

    assertThat(core.payments.insert(payment)).isFalse();
    assertThat(core.payments.apply(payment, PaymentTransition.REFUND_ALL, at())).isEmpty();
    assertThat(core.payments.apply(payment, PaymentTransition.CLOSE, at())).isPresent();
    assertThat(core.payments.apply(payment, PaymentTransition.CLOSE, at())).isEmpty();
    assertThat(core.payments.get(payment.outTradeNo()).status()).isEqualTo(PaymentStatus.CLOSED);
    assertThat(core.payments.lock(payment.outTradeNo()))
        .contains(core.payment(payment.outTradeNo()));
  }

  private Instant at() {
    return core.clock.instant();
  }

  @Test
  void theRefundRepositoryRefusesATakenNumberSettlesConditionallyAndSumsByStatus() {
    core.refunds.insert(refund("P1", "R1", "10.00", RefundStatus.PENDING));
    core.refunds.insert(refund("P1", "R2", "20.00", RefundStatus.SUCCEEDED));
    core.refunds.insert(refund("P1", "R3", "40.00", RefundStatus.FAILED));
    core.refunds.insert(refund("P2", "R1", "80.00", RefundStatus.SUCCEEDED));

    assertThatThrownBy(() -> core.refunds.insert(refund("P1", "R1", "10.00", RefundStatus.PENDING)))
        .isInstanceOf(IllegalStateException.class);
    assertThat(core.refunds.sumReserved("P1")).isEqualTo(Money.parse("30.00"));
    assertThat(core.refunds.sumSucceeded("P1")).isEqualTo(Money.parse("20.00"));
    assertThat(
            core.refunds.settle(core.refunds.get("P1", "R3"), RefundChange.fail(null, null, at())))
        .isEmpty();
    core.clock.advance(Duration.ofSeconds(5));
    assertThat(core.refunds.settle(core.refunds.get("P1", "R1"), RefundChange.confirm(at(), at())))
        .isPresent();
    assertThat(core.refunds.get("P1", "R1").refundedAt()).isEqualTo(at());
    assertThat(core.refunds.sumSucceeded("P1")).isEqualTo(Money.parse("30.00"));
    assertThat(core.refunds.findByPayment("P1"))
        .extracting(Refund::outRequestNo)
        .containsExactly("R1", "R2", "R3");
  }

  @Test
  void theScheduleKeepsTheEarliestPlan() {
    Instant now = core.clock.instant();
    core.checks.checkRefund("P1", "R1", now.plusSeconds(60));
    core.checks.checkRefund("P1", "R1", now.plusSeconds(10));
    core.checks.checkRefund("P1", "R1", now.plusSeconds(30));

    assertThat(core.checks.refundCheck("P1", "R1")).contains(now.plusSeconds(10));
    assertThat(core.checks.requests()).hasSize(3);
  }
}
