package io.paygate.core.facetoface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.paygate.core.channel.CancelOutcome;
import io.paygate.core.channel.ChannelError;
import io.paygate.core.channel.Product;
import io.paygate.core.checks.Backoff;
import io.paygate.core.money.Money;
import io.paygate.core.payments.Cancellation;
import io.paygate.core.payments.NewPayment;
import io.paygate.core.payments.Payment;
import io.paygate.core.payments.PaymentService;
import io.paygate.core.payments.PaymentStatus;
import io.paygate.core.recovery.Janitor;
import io.paygate.core.refunds.Refund;
import io.paygate.core.refunds.RefundOrigin;
import io.paygate.core.refunds.RefundStatus;
import io.paygate.core.testing.CoreFixture;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A shop's cancel the channel leaves unanswered (it may have refunded the buyer) is in flight: the
 * payment is as it was, and the janitor sends the cancel again under the same out_trade_no until
 * the channel answers, then books what it did. Never a second refund, never an error.
 */
class CancelInFlightTest {

  private final CoreFixture core = new CoreFixture();

  @AfterEach
  void everyChangeInATransaction() {
    assertThat(core.events.toldOutsideATransaction()).isEmpty();
  }

  private Payment qr(String amount) {
    Payment payment =
        core.paymentService.create(
            new NewPayment(Money.parse(amount), "扫码 Scan", null, Product.QR, null));
    core.checks.clear();
    return payment;
  }

  private Payment paidQr(String amount) {
    Payment payment = qr(amount);
    core.channel.hasPaid(payment.outTradeNo(), payment.totalAmount());
    PaymentService payments = core.paymentService;
    assertThat(payments.sync(payment.outTradeNo()).status()).isEqualTo(PaymentStatus.PAID);
    core.channel.forgetCalls();
    return payment;
  }

  @Test
  void anUnansweredCancelOfAPaidPaymentIsInFlightThenTheJanitorBooksItsRefundOnce() {
    Payment payment = paidQr("4.00");
    String no = payment.outTradeNo();
    core.channel.nextCancelMadeButUnanswered();

    Cancellation first = core.cancels.requestCancel(no);

    // The channel refunded the buyer; the books wait for its word, and a re-send is planned.
    assertThat(first).isInstanceOf(Cancellation.InFlight.class);
    assertThat(first.payment().status()).isEqualTo(PaymentStatus.PAID);
    assertThat(core.refunds.findByPayment(no)).isEmpty();
    assertThat(core.checks.cancelResend(no))
        .contains(core.clock.instant().plus(Backoff.FIRST_PAYMENT_CHECK));

    core.clock.advance(Duration.ofMinutes(1));
    assertThat(core.janitor.checkCancel(no, 0)).isInstanceOf(Janitor.Next.Done.class);

    Payment after = core.payment(no);
    assertThat(after.status()).isEqualTo(PaymentStatus.REFUNDED);
    assertThat(after.refundedAmount()).isEqualTo(Money.parse("4.00"));
    assertThat(core.refunds.findByPayment(no))
        .extracting(Refund::outRequestNo, Refund::refundAmount, Refund::origin, Refund::status)
        .containsExactly(
            tuple(no, Money.parse("4.00"), RefundOrigin.CHANNEL, RefundStatus.SUCCEEDED));
    assertThat(core.events.changes(no)).containsExactly("PAID", "REFUNDED");
    // Sent twice under one number, refunded once.
    assertThat(core.channel.calls("cancel")).hasSize(2);
    assertThat(core.channel.trade(no).refundedTotal()).isEqualTo(Money.parse("4.00"));

    // Answered and booked: a later look sends nothing.
    assertThat(core.janitor.checkCancel(no, 1)).isInstanceOf(Janitor.Next.Done.class);
    assertThat(core.channel.calls("cancel")).hasSize(2);
  }

  @Test
  void aCancelStillUnansweredIsSentAgainLaterWithBackoff() {
    Payment payment = qr("3.00");
    String no = payment.outTradeNo();
    core.channel.hasWaiting(no, payment.totalAmount());
    core.channel
        .nextCancel(new CancelOutcome.Unknown("read timed out"))
        .nextCancel(new CancelOutcome.Unknown("read timed out"));

    assertThat(core.cancels.requestCancel(no)).isInstanceOf(Cancellation.InFlight.class);
    assertThat(core.payment(no).status()).isEqualTo(PaymentStatus.PENDING);

    core.clock.advance(Duration.ofMinutes(1));
    assertThat(core.janitor.checkCancel(no, 0))
        .isEqualTo(new Janitor.Next.At(core.clock.instant().plus(Backoff.payment(1))));
    assertThat(core.payment(no).status()).isEqualTo(PaymentStatus.PENDING);

    core.clock.advance(Backoff.payment(1));
    assertThat(core.janitor.checkCancel(no, 1)).isInstanceOf(Janitor.Next.Done.class);
    assertThat(core.payment(no).status()).isEqualTo(PaymentStatus.CLOSED);
    assertThat(core.events.changes(no)).containsExactly("CLOSED");
    assertThat(core.channel.calls("cancel")).hasSize(3);
  }

  @Test
  void aResendTheChannelRefusesEndsAndChangesNothing() {
    Payment payment = paidQr("5.00");
    String no = payment.outTradeNo();
    core.channel
        .nextCancel(new CancelOutcome.Unknown("read timed out"))
        .nextCancel(
            new CancelOutcome.Refused(new ChannelError("TRADE_CANCEL_TIME_OUT", "超过撤销时间范围")));
    core.cancels.requestCancel(no);

    assertThat(core.janitor.checkCancel(no, 0)).isInstanceOf(Janitor.Next.Done.class);
    assertThat(core.payment(no).status()).isEqualTo(PaymentStatus.PAID);
    assertThat(core.refunds.findByPayment(no)).isEmpty();
  }

  @Test
  void anAnsweredCancelPlansNoResend() {
    Payment payment = paidQr("6.00");

    Cancellation done = core.cancels.requestCancel(payment.outTradeNo());

    assertThat(done).isEqualTo(new Cancellation.Done(done.payment(), "refund"));
    assertThat(done.payment().status()).isEqualTo(PaymentStatus.REFUNDED);
    assertThat(core.checks.cancelResend(payment.outTradeNo())).isEmpty();
  }
}
