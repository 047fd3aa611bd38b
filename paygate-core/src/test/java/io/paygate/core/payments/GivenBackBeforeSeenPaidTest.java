package io.paygate.core.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.paygate.core.money.Money;
import io.paygate.core.refunds.Refund;
import io.paygate.core.refunds.RefundOrigin;
import io.paygate.core.refunds.RefundStatus;
import io.paygate.core.testing.CoreFixture;
import org.junit.jupiter.api.Test;

/**
 * A trade refunded in the merchant's console before PayGate saw it paid (its paid notification
 * lost): the money came in and went back. It settles as paid, then refunded, both booked, and the
 * shop is never told of a success it would fulfil for money already returned.
 */
class GivenBackBeforeSeenPaidTest {

  private final CoreFixture core = new CoreFixture();
  private final Payment payment = core.pendingPayment("10.00");

  @Test
  void aRefundNotificationBooksThePaymentAndTheRefundWithoutAnnouncingASuccess() {
    core.channel.hasPaid(payment.outTradeNo(), payment.totalAmount());
    core.channel.hasRefunded(payment.outTradeNo(), "CONSOLE_1", Money.parse("10.00"));

    core.deliver(core.refundNotification(payment.outTradeNo(), "CONSOLE_1"));

    Payment after = core.payment(payment.outTradeNo());
    assertThat(after.status()).isEqualTo(PaymentStatus.REFUNDED);
    assertThat(after.paidAt()).isNotNull();
    assertThat(core.refunds.findByPayment(payment.outTradeNo()))
        .extracting(Refund::outRequestNo, Refund::refundAmount, Refund::origin, Refund::status)
        .containsExactly(
            tuple("CONSOLE_1", Money.parse("10.00"), RefundOrigin.CHANNEL, RefundStatus.SUCCEEDED));
    assertThat(core.events.changes(payment.outTradeNo()))
        .containsExactly("PAID (not announced)", "REFUNDED");
  }

  @Test
  void aQueryFindingTheTradeClosedAfterPaymentBooksItPaidQuietlyAndFlagsItTillItsRefundIsNamed() {
    core.channel.hasPaid(payment.outTradeNo(), payment.totalAmount());
    core.channel.hasRefunded(payment.outTradeNo(), "CONSOLE_1", Money.parse("10.00"));

    Payment synced = core.paymentService.sync(payment.outTradeNo());

    // The query tells a closed trade that was paid (so given back in full), not by which refunds.
    assertThat(synced.status()).isEqualTo(PaymentStatus.PAID);
    assertThat(synced.attention()).isEqualTo(Attention.REFUND_MISMATCH);
    assertThat(core.refunds.findByPayment(payment.outTradeNo())).isEmpty();
    // Its refund named (a notification here; the day's bill alike), it ends refunded.
    core.deliver(core.refundNotification(payment.outTradeNo(), "CONSOLE_1"));
    assertThat(core.payment(payment.outTradeNo()).status()).isEqualTo(PaymentStatus.REFUNDED);
    assertThat(core.events.changes(payment.outTradeNo()))
        .containsExactly("PAID (not announced)", "attention REFUND_MISMATCH", "REFUNDED");
  }

  @Test
  void aPartRefundedBeforeItWasSeenPaidIsStillASuccessForWhatStays() {
    core.channel.hasPaid(payment.outTradeNo(), payment.totalAmount());
    core.channel.hasRefunded(payment.outTradeNo(), "CONSOLE_1", Money.parse("3.00"));

    core.deliver(core.refundNotification(payment.outTradeNo(), "CONSOLE_1"));

    assertThat(core.payment(payment.outTradeNo()).status())
        .isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
    assertThat(core.events.changes(payment.outTradeNo()))
        .containsExactly("PAID", "PARTIALLY_REFUNDED");
  }
}
