package io.paygate.core.payments;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.core.channel.RefundOrder;
import io.paygate.core.money.Money;
import io.paygate.core.notify.NotifyAck;
import io.paygate.core.recovery.Janitor;
import io.paygate.core.refunds.PaidAfterCloseRefunds;
import io.paygate.core.refunds.Refund;
import io.paygate.core.refunds.RefundOrigin;
import io.paygate.core.refunds.RefundStatus;
import io.paygate.core.testing.CoreFixture;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A payment closed locally (no trade at the channel yet) that a buyer with the cashier still open
 * pays: the money is booked, flagged, and by default refunded in full.
 */
class PaidAfterCloseTest {

  private static final String PAC = PaidAfterCloseRefunds.REFUND_NO;

  /** Closed while the channel had no trade; then the buyer paid a minute later. */
  private static Payment closedThenPaid(CoreFixture core) {
    Payment payment = core.pendingPayment("66.60");
    Payment closed = core.paymentService.close(payment.outTradeNo());
    assertThat(closed.status()).isEqualTo(PaymentStatus.CLOSED);
    core.clock.advance(Duration.ofMinutes(1));
    core.channel.hasPaid(payment.outTradeNo(), payment.totalAmount());
    core.checks.clear();
    return closed;
  }

  @Test
  void aClosedPaymentTheChannelReportsPaidOnSyncIsPaidFlaggedAndRefundedInFull() {
    CoreFixture core = new CoreFixture(PaidAfterClose.REFUND);
    Payment closed = closedThenPaid(core);
    Instant now = core.clock.instant();

    Payment after = core.paymentService.sync(closed.outTradeNo());

    assertThat(after.status()).isEqualTo(PaymentStatus.PAID);
    assertThat(after.attention()).isEqualTo(Attention.PAID_AFTER_CLOSE);
    assertThat(after.tradeNo()).isEqualTo(core.channel.trade(closed.outTradeNo()).tradeNo());
    Refund refund = core.refunds.get(closed.outTradeNo(), PAC);
    assertThat(refund.status()).isEqualTo(RefundStatus.PENDING);
    assertThat(refund.refundAmount()).isEqualTo(Money.parse("66.60"));
    assertThat(refund.origin()).isEqualTo(RefundOrigin.PAYGATE);
    assertThat(core.checks.refundCheck(closed.outTradeNo(), PAC)).contains(now);
    // Not sent inside the reconciliation: the janitor sends it.
    assertThat(core.channel.refundOrders()).isEmpty();
  }

  @Test
  void aClosedPaymentReportedPaidByANotificationIsPaidFlaggedAndRefundedInFull() {
    CoreFixture core = new CoreFixture(PaidAfterClose.REFUND);
    Payment closed = closedThenPaid(core);
    Instant now = core.clock.instant();

    NotifyAck ack = core.deliver(core.tradeNotification(closed.outTradeNo()));

    assertThat(ack).isEqualTo(new NotifyAck.Accepted("applied"));
    Payment after = core.payment(closed.outTradeNo());
    assertThat(after.status()).isEqualTo(PaymentStatus.PAID);
    assertThat(after.attention()).isEqualTo(Attention.PAID_AFTER_CLOSE);
    Refund refund = core.refunds.get(closed.outTradeNo(), PAC);
    assertThat(refund.status()).isEqualTo(RefundStatus.PENDING);
    assertThat(refund.refundAmount()).isEqualTo(closed.totalAmount());
    assertThat(core.checks.refundCheck(closed.outTradeNo(), PAC)).contains(now);
  }

  @Test
  void thePaidAfterCloseRefundIsBookedOnceHoweverOftenThePaymentIsSeenPaid() {
    CoreFixture core = new CoreFixture(PaidAfterClose.REFUND);
    Payment closed = closedThenPaid(core);

    core.paymentService.sync(closed.outTradeNo());
    core.deliver(core.tradeNotification(closed.outTradeNo()));
    core.paymentService.sync(closed.outTradeNo());

    assertThat(core.refunds.findByPayment(closed.outTradeNo()))
        .extracting(Refund::outRequestNo)
        .containsExactly(PAC);
  }

  @Test
  void theJanitorSendsThePaidAfterCloseRefundAndThePaymentEndsRefunded() {
    CoreFixture core = new CoreFixture(PaidAfterClose.REFUND);
    Payment closed = closedThenPaid(core);
    core.paymentService.sync(closed.outTradeNo());

    Janitor.Next next = core.janitor.checkRefund(closed.outTradeNo(), PAC, 0);

    assertThat(next).isEqualTo(new Janitor.Next.Done());
    assertThat(core.channel.refundOrders())
        .singleElement()
        .extracting(RefundOrder::outRequestNo, RefundOrder::refundAmount)
        .containsExactly(PAC, Money.parse("66.60"));
    Payment after = core.payment(closed.outTradeNo());
    assertThat(after.status()).isEqualTo(PaymentStatus.REFUNDED);
    assertThat(after.refundedAmount()).isEqualTo(Money.parse("66.60"));
    assertThat(after.attention()).isEqualTo(Attention.PAID_AFTER_CLOSE);
  }

  @Test
  void withKeepTheMoneyIsBookedAndFlaggedButNotRefunded() {
    CoreFixture core = new CoreFixture(PaidAfterClose.KEEP);
    Payment closed = closedThenPaid(core);

    Payment afterSync = core.paymentService.sync(closed.outTradeNo());

    assertThat(afterSync.status()).isEqualTo(PaymentStatus.PAID);
    assertThat(afterSync.attention()).isEqualTo(Attention.PAID_AFTER_CLOSE);
    assertThat(core.refunds.findByPayment(closed.outTradeNo())).isEmpty();
    assertThat(core.checks.requests()).isEmpty();
  }

  @Test
  void withKeepANotificationAlsoBooksWithoutARefund() {
    CoreFixture core = new CoreFixture(PaidAfterClose.KEEP);
    Payment closed = closedThenPaid(core);

    core.deliver(core.tradeNotification(closed.outTradeNo()));

    assertThat(core.payment(closed.outTradeNo()).status()).isEqualTo(PaymentStatus.PAID);
    assertThat(core.payment(closed.outTradeNo()).attention()).isEqualTo(Attention.PAID_AFTER_CLOSE);
    assertThat(core.refunds.findByPayment(closed.outTradeNo())).isEmpty();
  }

  @Test
  void aPaymentPaidWhilePendingIsNotFlagged() {
    CoreFixture core = new CoreFixture(PaidAfterClose.REFUND);

    Payment paid = core.paidPayment("66.60");

    assertThat(paid.attention()).isNull();
    assertThat(core.refunds.findByPayment(paid.outTradeNo())).isEmpty();
  }

  @Test
  void aPaidAfterCloseTradeRefundedInFullAtTheChannelEndsRefundedWithoutMoreMoneyMoving() {
    CoreFixture core = new CoreFixture(PaidAfterClose.REFUND);
    Payment closed = closedThenPaid(core);
    core.channel.hasRefunded(closed.outTradeNo(), "CONSOLE_1", closed.totalAmount());
    var notification = core.refundNotification(closed.outTradeNo(), "CONSOLE_1");

    NotifyAck first = core.deliver(notification);
    core.janitor.checkRefund(closed.outTradeNo(), PAC, 0);
    NotifyAck redelivered = core.deliver(notification);

    // Nothing is left to give back: no automatic refund is even sent.
    assertThat(first).isInstanceOf(NotifyAck.Accepted.class);
    assertThat(redelivered).isInstanceOf(NotifyAck.Accepted.class);
    assertThat(core.channel.refundOrders()).isEmpty();
    assertThat(core.channel.trade(closed.outTradeNo()).refundedTotal())
        .isEqualTo(closed.totalAmount());
    Payment after = core.payment(closed.outTradeNo());
    assertThat(after.status()).isEqualTo(PaymentStatus.REFUNDED);
    assertThat(after.refundedAmount()).isEqualTo(closed.totalAmount());
  }

  @Test
  void aPaidAfterCloseTradePartlyRefundedAtTheChannelHasTheRestGivenBack() {
    CoreFixture core = new CoreFixture(PaidAfterClose.REFUND);
    Payment closed = closedThenPaid(core);
    core.channel.hasRefunded(closed.outTradeNo(), "CONSOLE_1", Money.parse("20.00"));
    var notification = core.refundNotification(closed.outTradeNo(), "CONSOLE_1");

    core.deliver(notification);
    core.janitor.checkRefund(closed.outTradeNo(), PAC, 0);
    core.deliver(notification);
    core.janitor.checkRefund(closed.outTradeNo(), PAC, 1);

    // The buyer paid for an order the shop had cancelled: all of it goes back.
    assertThat(core.channel.trade(closed.outTradeNo()).refundedTotal())
        .isEqualTo(closed.totalAmount());
    assertThat(core.payment(closed.outTradeNo()).status()).isEqualTo(PaymentStatus.REFUNDED);
  }

  @Test
  void moneyPaidAfterTheCloseIsNeverAnnouncedAsASuccessOnlyAsNeedingAttentionThenRefunded() {
    CoreFixture core = new CoreFixture(PaidAfterClose.REFUND);
    Payment closed = closedThenPaid(core);

    core.deliver(core.tradeNotification(closed.outTradeNo()));
    core.janitor.checkRefund(closed.outTradeNo(), PAC, 0);

    // The shop was told the order is closed; a success would have it fulfil an order whose money
    // is going back in the same breath.
    assertThat(core.events.changes(closed.outTradeNo()))
        .containsExactly(
            "CLOSED", "PAID (not announced)", "attention PAID_AFTER_CLOSE", "REFUNDED");
  }

  @Test
  void withKeepMoneyPaidAfterTheCloseIsStillNotAnnouncedAsASuccess() {
    CoreFixture core = new CoreFixture(PaidAfterClose.KEEP);
    Payment closed = closedThenPaid(core);

    core.paymentService.sync(closed.outTradeNo());

    assertThat(core.events.changes(closed.outTradeNo()))
        .containsExactly("CLOSED", "PAID (not announced)", "attention PAID_AFTER_CLOSE");
  }

  @Test
  void aPaymentPaidWhilePendingIsAnnounced() {
    CoreFixture core = new CoreFixture(PaidAfterClose.REFUND);

    Payment paid = core.paidPayment("66.60");

    assertThat(core.events.changes(paid.outTradeNo())).containsExactly("PAID");
  }
}
