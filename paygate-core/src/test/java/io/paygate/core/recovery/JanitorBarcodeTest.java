package io.paygate.core.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.paygate.core.channel.Product;
import io.paygate.core.channel.RefundLookup;
import io.paygate.core.channel.TradeLookup;
import io.paygate.core.channel.TradeState;
import io.paygate.core.money.Money;
import io.paygate.core.payments.NewPayment;
import io.paygate.core.payments.Payment;
import io.paygate.core.payments.PaymentStatus;
import io.paygate.core.refunds.Refund;
import io.paygate.core.refunds.RefundOrigin;
import io.paygate.core.refunds.RefundStatus;
import io.paygate.core.testing.CoreFixture;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A barcode payment left PENDING (its outcome unknown) is settled by the janitor. */
class JanitorBarcodeTest {

  private final CoreFixture core = new CoreFixture();

  private Payment pendingBarcode() {
    Payment payment =
        core.paymentService.create(
            new NewPayment(Money.parse("7.77"), "收银台", null, Product.BARCODE, null));
    core.checks.clear();
    return payment;
  }

  @Test
  void paidAtTheChannelItIsBookedPaid() {
    Payment payment = pendingBarcode();
    core.channel.hasPaid(payment.outTradeNo(), payment.totalAmount());
    core.clock.advance(Duration.ofMinutes(1));

    assertThat(core.janitor.checkPayment(payment.outTradeNo(), 0))
        .isInstanceOf(Janitor.Next.Done.class);
    assertThat(core.payment(payment.outTradeNo()).status()).isEqualTo(PaymentStatus.PAID);
  }

  @Test
  void stillUnpaidAfterTheBarcodeWaitItIsCancelledNotLeftOpenTillItsExpiry() {
    Payment payment = pendingBarcode();
    core.clock.advance(Duration.ofMinutes(1));
    // The request that charges it may still be waiting for the buyer: left to it.
    core.janitor.checkPayment(payment.outTradeNo(), 0);
    assertThat(core.payment(payment.outTradeNo()).status()).isEqualTo(PaymentStatus.PENDING);

    core.clock.advance(Duration.ofMinutes(2));
    core.janitor.checkPayment(payment.outTradeNo(), 1);
    assertThat(core.payment(payment.outTradeNo()).status()).isEqualTo(PaymentStatus.CLOSED);
  }

  @Test
  void chargedWhileEveryQueryFailedTheCancelsRefundIsBookedAsPaidThenRefunded() {
    Payment payment = pendingBarcode();
    String no = payment.outTradeNo();
    // Alipay charged the buyer, but no query answers: the books still say PENDING.
    core.channel.hasPaid(no, payment.totalAmount());
    core.channel
        .nextQueryTrade(new TradeLookup.Unknown("read timed out"))
        .nextQueryTrade(new TradeLookup.Unknown("read timed out"))
        .nextQueryRefund(new RefundLookup.Unknown("read timed out"));
    core.clock.advance(Duration.ofMinutes(3));

    core.janitor.checkPayment(no, 0);

    // The cancel answered action=refund: the money came in and went back, and both are booked.
    Payment after = core.payment(no);
    assertThat(after.status()).isEqualTo(PaymentStatus.REFUNDED);
    assertThat(after.paidAt()).isNotNull();
    assertThat(after.refundedAmount()).isEqualTo(Money.parse("7.77"));
    assertThat(after.attention()).isNull();
    assertThat(core.refunds.findByPayment(no))
        .extracting(Refund::outRequestNo, Refund::refundAmount, Refund::origin, Refund::status)
        .containsExactly(
            tuple(no, Money.parse("7.77"), RefundOrigin.CHANNEL, RefundStatus.SUCCEEDED));
    // No success announced for money already returned; the refund is, in the same transactions.
    assertThat(core.events.changes(no)).containsExactly("PAID (not announced)", "REFUNDED");
    assertThat(core.events.toldOutsideATransaction()).isEmpty();
    assertThat(core.channel.trade(no).refundedTotal()).isEqualTo(Money.parse("7.77"));
  }

  @Test
  void chargedAndCancelledWithTheTradeReadBackItIsBookedWithAlipaysDetails() {
    Payment payment = pendingBarcode();
    String no = payment.outTradeNo();
    core.channel.hasPaid(no, payment.totalAmount());
    // Only the janitor's own query fails; the ones after the cancel answer.
    core.channel.nextQueryTrade(new TradeLookup.Unknown("read timed out"));
    core.clock.advance(Duration.ofMinutes(3));

    core.janitor.checkPayment(no, 0);

    Payment after = core.payment(no);
    assertThat(after.status()).isEqualTo(PaymentStatus.REFUNDED);
    assertThat(after.tradeNo()).isEqualTo(core.channel.trade(no).tradeNo());
    assertThat(after.attention()).isNull();
    assertThat(core.events.changes(no)).containsExactly("PAID (not announced)", "REFUNDED");
  }

  @Test
  void aQueryThatHasNotCaughtUpWithTheCancelDoesNotOverrideItsWord() {
    Payment payment = pendingBarcode();
    String no = payment.outTradeNo();
    core.channel.hasPaid(no, payment.totalAmount());
    core.channel
        .nextQueryTrade(new TradeLookup.Unknown("read timed out"))
        .nextQueryTrade(
            new TradeLookup.Found(
                CoreFixture.withStatus(
                    core.channel.trade(no).view(), TradeState.AWAITING_PAYMENT, null)));
    core.clock.advance(Duration.ofMinutes(3));

    core.janitor.checkPayment(no, 0);

    assertThat(core.payment(no).status()).isEqualTo(PaymentStatus.REFUNDED);
    assertThat(core.payment(no).tradeNo()).isEqualTo(core.channel.trade(no).tradeNo());
    assertThat(core.events.changes(no)).containsExactly("PAID (not announced)", "REFUNDED");
  }
}
