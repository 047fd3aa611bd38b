package io.paygate.core.secondchannel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paygate.core.channel.Checkout;
import io.paygate.core.channel.NotifyReply;
import io.paygate.core.channel.Product;
import io.paygate.core.errors.ErrorCode;
import io.paygate.core.errors.PayGateException;
import io.paygate.core.exchanges.Exchange;
import io.paygate.core.facetoface.BarcodePayments;
import io.paygate.core.money.Money;
import io.paygate.core.notify.Handled;
import io.paygate.core.notify.NotifyAck;
import io.paygate.core.payments.Cancellation;
import io.paygate.core.payments.NewPayment;
import io.paygate.core.payments.Payment;
import io.paygate.core.payments.PaymentStatus;
import io.paygate.core.recovery.Janitor;
import io.paygate.core.refunds.NewRefund;
import io.paygate.core.refunds.Refund;
import io.paygate.core.refunds.RefundStatus;
import io.paygate.core.testing.CoreFixture;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The core with a second channel of another shape (JSON notifications signed in a header, replies
 * with a status and JSON, money in fen, a redirect checkout, limits of its own): pay, notify,
 * refund and recovery go through it as through any channel.
 */
class SecondChannelTest {

  private final CoreFixture core = new CoreFixture(LedgerChannel::new);
  private final LedgerChannel ledger = (LedgerChannel) core.port;

  private Payment cashierPayment(String amount) {
    return core.paymentService.create(
        new NewPayment(Money.parse(amount), "茶 tea", null, Product.PAGE, null));
  }

  private Payment paidAndNotified(String amount) {
    Payment payment = cashierPayment(amount);
    core.paymentService.checkout(payment.outTradeNo());
    ledger.buyerPays(payment.outTradeNo());
    core.notifications.handle(ledger.paidNotification(payment.outTradeNo()));
    return core.payment(payment.outTradeNo());
  }

  @Test
  void aPaymentIsCheckedOutByRedirectAndItsJsonNotificationIsAnsweredInTheChannelsWords() {
    Payment payment = cashierPayment("8.80");
    String no = payment.outTradeNo();

    Checkout checkout = core.paymentService.checkout(no);
    assertThat(checkout)
        .isEqualTo(new Checkout.Redirect("https://ledger.example/cashier/" + ledger.reference(no)));
    ledger.buyerPays(no);
    Handled first = core.notifications.handle(ledger.paidNotification(no));
    Handled again = core.notifications.handle(ledger.paidNotification(no));

    assertThat(first.ack()).isEqualTo(new NotifyAck.Accepted("applied"));
    assertThat(first.reply())
        .isEqualTo(new NotifyReply(200, "application/json", "{\"code\":\"SUCCESS\"}"));
    assertThat(first.outTradeNo()).isEqualTo(no);
    Payment paid = core.payment(no);
    assertThat(paid.status()).isEqualTo(PaymentStatus.PAID);
    assertThat(paid.tradeNo()).isEqualTo(ledger.reference(no));
    assertThat(paid.totalAmount()).isEqualTo(Money.parse("8.80"));
    assertThat(again.ack()).isEqualTo(new NotifyAck.Accepted("no change"));
    assertThat(again.reply().status()).isEqualTo(200);
    assertThat(core.payment(no)).isEqualTo(paid);
  }

  @Test
  void aForgedNotificationIsRefusedWithTheChannelsFailureReplyAndChangesNothing() {
    Payment payment = cashierPayment("5.00");
    String no = payment.outTradeNo();
    core.paymentService.checkout(no);
    ledger.buyerPays(no);

    Handled forged = core.notifications.handle(ledger.forged(no));

    assertThat(forged.ack())
        .isEqualTo(new NotifyAck.Refused(NotifyAck.Refusal.NOT_GENUINE, "bad signature"));
    assertThat(forged.reply().status()).isEqualTo(500);
    assertThat(forged.reply().body()).contains("\"FAIL\"");
    assertThat(core.payment(no).status()).isEqualTo(PaymentStatus.PENDING);
    Exchange recorded = core.exchanges.last();
    assertThat(recorded.operation()).isEqualTo("notify-unverified");
    assertThat(recorded.outTradeNo()).isNull();
  }

  @Test
  void aRefundGoesThroughTheChannelAndItsNotificationAgreesWithTheBooks() {
    Payment paid = paidAndNotified("10.00");
    String no = paid.outTradeNo();

    Refund refund = core.refundService.refund(no, new NewRefund(Money.parse("3.00"), "退货", null));

    assertThat(refund.status()).isEqualTo(RefundStatus.SUCCEEDED);
    assertThat(ledger.refundedFen(no)).isEqualTo(300);
    Handled notified =
        core.notifications.handle(ledger.refundNotification(no, refund.outRequestNo()));
    assertThat(notified.ack()).isInstanceOf(NotifyAck.Accepted.class);
    assertThat(notified.reply().status()).isEqualTo(200);
    Payment after = core.payment(no);
    assertThat(after.refundedAmount()).isEqualTo(Money.parse("3.00"));
    assertThat(after.attention()).isNull();
  }

  @Test
  void aLostNotificationIsFoundByTheJanitorAndALostRefundAnswerAfterTheChannelsOwnPause() {
    Payment payment = cashierPayment("6.60");
    String no = payment.outTradeNo();
    core.paymentService.checkout(no);
    ledger.buyerPays(no);
    // The notification never arrives.
    core.clock.advance(Duration.ofMinutes(1));

    assertThat(core.janitor.checkPayment(no, 0)).isEqualTo(new Janitor.Next.Done());
    assertThat(core.payment(no).status()).isEqualTo(PaymentStatus.PAID);

    ledger.losesTheNextRefundAnswer();
    Refund pending = core.refundService.refund(no, new NewRefund(Money.parse("6.60"), "缺货", null));
    assertThat(pending.status()).isEqualTo(RefundStatus.PENDING);
    // The ledger asks for 30 s before a refund is asked about (the first channel: 10 s).
    assertThat(core.checks.refundCheck(no, pending.outRequestNo()))
        .contains(core.clock.instant().plus(Duration.ofSeconds(30)));
    core.clock.advance(Duration.ofSeconds(30));

    assertThat(core.janitor.checkRefund(no, pending.outRequestNo(), 0))
        .isEqualTo(new Janitor.Next.Done());
    assertThat(core.refundService.get(no, pending.outRequestNo()).status())
        .isEqualTo(RefundStatus.SUCCEEDED);
    assertThat(core.payment(no).refundedAmount()).isEqualTo(Money.parse("6.60"));
    assertThat(ledger.refundedFen(no)).isEqualTo(660);
  }

  @Test
  void theChannelsLimitsAreTheOnesChecked() {
    assertField(
        () ->
            core.paymentService.create(
                new NewPayment(Money.parse("1.00"), "x".repeat(128), null, Product.PAGE, null)),
        "subject",
        "subject is at most 127 characters");
    assertField(
        () ->
            core.paymentService.create(
                new NewPayment(Money.parse("1.00"), "tea", null, Product.PAGE, "A1")),
        "out_trade_no",
        "out_trade_no is 6 to 32 letters, digits or _-|*@");
    // A number the first channel would refuse (a dash, an at sign) is this one's to take.
    assertThat(
            core.paymentService
                .create(new NewPayment(Money.parse("1.00"), "tea", null, Product.PAGE, "A-1@b|c"))
                .outTradeNo())
        .isEqualTo("A-1@b|c");

    BarcodePayments barcodes =
        new BarcodePayments(
            core.paymentService,
            core.cancels,
            core.clock,
            Duration.ofSeconds(30),
            Duration.ofMillis(1));
    NewPayment counter = new NewPayment(Money.parse("2.00"), "tea", null, Product.BARCODE, null);
    assertField(
        () -> barcodes.pay(counter, "286648048691290423"),
        "auth_code",
        "auth_code is the buyer's code: 18 digits starting 10 to 15");
    assertThat(barcodes.pay(counter, "134567890123456789").status()).isEqualTo(PaymentStatus.PAID);
  }

  @Test
  void aFaceToFaceOrderNobodyScannedIsCancelledAsNotFoundAtTheChannel() {
    Payment qr =
        core.paymentService.create(
            new NewPayment(Money.parse("4.00"), "tea", null, Product.QR, "QR_LEDGER_1"));
    assertThat(ledger.holds(qr.outTradeNo())).isFalse();

    Cancellation cancelled = core.cancels.cancel(qr.outTradeNo());

    assertThat(cancelled)
        .isInstanceOfSatisfying(
            Cancellation.Done.class, done -> assertThat(done.action()).isEqualTo("close"));
    assertThat(cancelled.payment().status()).isEqualTo(PaymentStatus.CLOSED);
    assertThatThrownBy(() -> core.cancels.cancel(paidAndNotified("1.00").outTradeNo()))
        .isInstanceOfSatisfying(
            PayGateException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PAYMENT_NOT_CANCELLABLE));
  }

  private static void assertField(Runnable call, String field, String message) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            PayGateException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.getMessage()).isEqualTo(message);
            });
  }
}
