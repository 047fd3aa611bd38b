package io.paygate.core.payments;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.core.channel.CloseOutcome;
import io.paygate.core.channel.Product;
import io.paygate.core.channel.RefundLookup;
import io.paygate.core.channel.RefundOutcome;
import io.paygate.core.money.Money;
import io.paygate.core.refunds.NewRefund;
import io.paygate.core.testing.CoreFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every change the shop is told of is made inside a transaction, so its event (written to the
 * outbox in that transaction) commits with it or not at all: a crash between the two never loses an
 * event.
 */
class ChangesInTransactionsTest {

  private final CoreFixture core = new CoreFixture();

  @AfterEach
  void noChangeOutsideATransaction() {
    assertThat(core.events.toldOutsideATransaction()).isEmpty();
  }

  @Test
  void aCloseTheChannelConfirms() {
    Payment payment = core.pendingPayment("12.30");
    core.channel.hasWaiting(payment.outTradeNo(), payment.totalAmount());

    core.paymentService.close(payment.outTradeNo());

    assertThat(core.events.changes(payment.outTradeNo())).containsExactly("CLOSED");
  }

  @Test
  void aCloseOfATradeTheChannelNeverSaw() {
    Payment payment = core.pendingPayment("12.30");
    core.channel.nextClose(new CloseOutcome.NotFound());

    core.paymentService.close(payment.outTradeNo());

    assertThat(core.events.changes(payment.outTradeNo())).containsExactly("CLOSED");
  }

  @Test
  void aCancelOfAFaceToFacePaymentNobodyPaid() {
    Payment payment =
        core.paymentService.create(
            new NewPayment(Money.parse("8.80"), "扫码", null, Product.QR, "QR_1"));

    core.cancels.cancel(payment.outTradeNo());

    assertThat(core.events.changes("QR_1")).containsExactly("CLOSED");
  }

  @Test
  void aRefundQueryThatFlagsAnotherAmount() {
    Payment payment = core.paidPayment("100.00");
    core.channel.nextRefund(new RefundOutcome.Unknown("read timed out"));
    core.refundService.refund(
        payment.outTradeNo(), new NewRefund(Money.parse("40.00"), "退货", "R1"));
    core.channel.nextQueryRefund(
        new RefundLookup.Refunded(Money.parse("25.00"), core.clock.instant()));

    core.refundService.recheck(payment.outTradeNo(), "R1");

    assertThat(core.events.changes(payment.outTradeNo()))
        .containsExactly("PAID", "attention REFUND_MISMATCH");
  }

  @Test
  void aRefundThatGoesThroughAndOneThatIsRefused() {
    Payment payment = core.paidPayment("100.00");
    core.refundService.refund(
        payment.outTradeNo(), new NewRefund(Money.parse("40.00"), "退货", "R1"));
    core.channel.nextRefund(
        new RefundOutcome.Refused(
            new io.paygate.core.channel.ChannelError("SYSTEM_ERROR", "系统错误")));
    try {
      core.refundService.refund(
          payment.outTradeNo(), new NewRefund(Money.parse("1.00"), "退货", "R2"));
    } catch (io.paygate.core.errors.PayGateException refused) {
      // the refusal is the caller's answer
    }

    assertThat(core.events.changes(payment.outTradeNo()))
        .containsExactly("PAID", "PARTIALLY_REFUNDED");
  }
}
