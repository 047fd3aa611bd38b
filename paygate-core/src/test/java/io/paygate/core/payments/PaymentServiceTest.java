package io.paygate.core.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paygate.core.channel.ChannelError;
import io.paygate.core.channel.CloseOutcome;
import io.paygate.core.channel.MerchantApps;
import io.paygate.core.channel.PayOrder;
import io.paygate.core.channel.Product;
import io.paygate.core.channel.TradeLookup;
import io.paygate.core.channel.TradeRef;
import io.paygate.core.channel.TradeState;
import io.paygate.core.checks.Backoff;
import io.paygate.core.errors.ErrorCode;
import io.paygate.core.errors.PayGateException;
import io.paygate.core.money.Money;
import io.paygate.core.testing.CoreFixture;
import io.paygate.core.testing.FakeChannel;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Creating, syncing and closing payments. */
class PaymentServiceTest {

  private final CoreFixture core = new CoreFixture();

  @Test
  void aNewPaymentIsPendingUntilItsTimeoutAndFirstCheckedAMinuteLater() {
    Payment payment =
        core.paymentService.create(
            new NewPayment(Money.parse("12.30"), "订单", null, Product.WAP, "SHOP_1"));

    assertThat(payment.status()).isEqualTo(PaymentStatus.PENDING);
    assertThat(payment.refundedAmount()).isEqualTo(Money.ZERO);
    assertThat(payment.expiresAt()).isEqualTo(CoreFixture.START.plus(CoreFixture.PAY_TIMEOUT));
    assertThat(core.checks.paymentCheck("SHOP_1"))
        .contains(CoreFixture.START.plus(Backoff.FIRST_PAYMENT_CHECK));
    assertThat(core.payment("SHOP_1")).isEqualTo(payment);
  }

  @Test
  void aQrPaymentHasACodeWhileOpenAndNoFormAndACashierPaymentHasNoCode() {
    Payment qr =
        core.paymentService.create(
            new NewPayment(Money.parse("8.80"), "扫码", null, Product.QR, "QR_1"));
    assertThat(core.paymentService.qrCode("QR_1")).isEqualTo("https://qr.channel.example/QR_1");
    assertThat(core.channel.calls())
        .anySatisfy(call -> assertThat(call.operation()).isEqualTo("checkout"));
    assertThatThrownBy(() -> core.paymentService.payForm("QR_1"))
        .isInstanceOfSatisfying(
            PayGateException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PAYMENT_NOT_PAYABLE));
    Payment page = core.pendingPayment("1.00");
    assertThatThrownBy(() -> core.paymentService.qrCode(page.outTradeNo()))
        .isInstanceOfSatisfying(
            PayGateException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PAYMENT_NOT_PAYABLE));
    // Expired: no code, the channel is not asked.
    core.clock.advance(CoreFixture.PAY_TIMEOUT);
    int asked = core.channel.calls().size();
    assertThatThrownBy(() -> core.paymentService.qrCode(qr.outTradeNo()))
        .isInstanceOf(PayGateException.class);
    assertThat(core.channel.calls()).hasSize(asked);
  }

  @Test
  void aPaymentBelongsToTheAppItNamesOrTheDefaultAndTheChannelIsAskedForThatApp() {
    Payment byDefault =
        core.paymentService.create(
            new NewPayment(Money.parse("1.00"), "订单", null, Product.PAGE, "APP_D"));
    Payment counter =
        core.paymentService.create(
            new NewPayment(
                Money.parse("2.00"), "扫码", null, Product.QR, "APP_C", FakeChannel.SECOND_APP));
    assertThat(byDefault.app()).isEqualTo(MerchantApps.DEFAULT);
    assertThat(counter.app()).isEqualTo(FakeChannel.SECOND_APP);
    assertThat(core.payment("APP_C").app()).isEqualTo(FakeChannel.SECOND_APP);

    core.paymentService.qrCode("APP_C");
    core.paymentService.sync("APP_C");
    assertThat(core.channel.calls())
        .filteredOn(call -> call.operation().equals("checkout"))
        .singleElement()
        .satisfies(call -> assertThat(((PayOrder) call.argument()).app()).isEqualTo("counter"));
    assertThat(core.channel.calls())
        .filteredOn(call -> call.operation().equals("queryTrade"))
        .singleElement()
        .satisfies(call -> assertThat(((TradeRef) call.argument()).app()).isEqualTo("counter"));

    // An app it does not know, or a product the app does not sell, is refused and nothing kept.
    assertThatThrownBy(
            () ->
                core.paymentService.create(
                    new NewPayment(Money.parse("1.00"), "订单", null, Product.PAGE, "APP_X", "x")))
        .isInstanceOfSatisfying(
            PayGateException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
    assertThatThrownBy(
            () ->
                core.paymentService.create(
                    new NewPayment(
                        Money.parse("1.00"), "订单", null, Product.PAGE, "APP_Y", "counter")))
        .isInstanceOfSatisfying(
            PayGateException.class, e -> assertThat(e.field()).isEqualTo("product"));
    assertThat(core.payments.find("APP_X")).isEmpty();
    assertThat(core.payments.find("APP_Y")).isEmpty();
  }

  @Test
  void aResumedRunFindsTheFirstRunsPaymentButNotAnotherOrder() {
    NewPayment request = new NewPayment(Money.parse("12.30"), "订单", null, Product.PAGE, "KEY_1");
    Payment first = core.paymentService.create(request);

    assertThat(core.paymentService.create(request, true)).isEqualTo(first);
    NewPayment other = new NewPayment(Money.parse("12.31"), "订单", null, Product.PAGE, "KEY_1");
    assertThatThrownBy(() -> core.paymentService.create(other, true))
        .isInstanceOfSatisfying(
            PayGateException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.OUT_TRADE_NO_TAKEN));
    assertThat(core.payment("KEY_1")).isEqualTo(first);
  }

  @Test
  void aTakenOutTradeNoIsRefused() {
    NewPayment request = new NewPayment(Money.parse("12.30"), "订单", null, Product.PAGE, "SHOP_1");
    Payment first = core.paymentService.create(request);

    assertThatThrownBy(() -> core.paymentService.create(request))
        .isInstanceOfSatisfying(
            PayGateException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.OUT_TRADE_NO_TAKEN));
    assertThat(core.payment("SHOP_1")).isEqualTo(first);
  }

  @Test
  void anUnknownSyncAnswerChangesNothing() {
    Payment payment = core.pendingPayment("12.30");
    core.channel.hasPaid(payment.outTradeNo(), payment.totalAmount());
    core.channel.nextQueryTrade(new TradeLookup.Unknown("read timed out"));

    assertThat(core.paymentService.sync(payment.outTradeNo())).isEqualTo(payment);
  }

  @Test
  void closingAPaymentTheChannelNeverSawClosesItLocallyAndKeepsItWatched() {
    Payment payment = core.pendingPayment("12.30");
    core.clock.advance(Duration.ofMinutes(10));

    Payment closed = core.paymentService.close(payment.outTradeNo());

    assertThat(core.channel.operations()).containsExactly("close");
    assertThat(closed.status()).isEqualTo(PaymentStatus.CLOSED);
    assertThat(closed.closedAt()).isEqualTo(core.clock.instant());
    assertThat(core.checks.paymentCheck(payment.outTradeNo()))
        .contains(core.clock.instant().plus(Backoff.FIRST_PAYMENT_CHECK));
  }

  @Test
  void closingAnOpenTradeAtTheChannelClosesIt() {
    Payment payment = core.pendingPayment("12.30");
    core.channel.hasWaiting(payment.outTradeNo(), payment.totalAmount());

    Payment closed = core.paymentService.close(payment.outTradeNo());

    assertThat(closed.status()).isEqualTo(PaymentStatus.CLOSED);
    // Its check was planned soon before the close was sent (a process dying mid-call leaves it
    // watched); the check finds it closed.
    assertThat(core.checks.paymentCheck(payment.outTradeNo()))
        .contains(core.clock.instant().plus(Backoff.FIRST_PAYMENT_CHECK));
  }

  @Test
  void closingAClosedPaymentAsksNothing() {
    Payment payment = core.pendingPayment("12.30");
    Payment closed = core.paymentService.close(payment.outTradeNo());
    core.channel.forgetCalls();

    assertThat(core.paymentService.close(payment.outTradeNo())).isEqualTo(closed);
    assertThat(core.channel.calls()).isEmpty();
  }

  @Test
  void aCloseRefusedBecauseTheBuyerJustPaidBooksThePaymentAndRefusesTheClose() {
    Payment payment = core.pendingPayment("12.30");
    core.channel.hasPaid(payment.outTradeNo(), payment.totalAmount());

    assertThatThrownBy(() -> core.paymentService.close(payment.outTradeNo()))
        .isInstanceOfSatisfying(
            PayGateException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PAYMENT_NOT_CLOSABLE));
    assertThat(core.payment(payment.outTradeNo()).status()).isEqualTo(PaymentStatus.PAID);
    assertThat(core.payment(payment.outTradeNo()).attention()).isNull();
  }

  @Test
  void aCloseRefusedForAnotherReasonPassesTheChannelsCodeOn() {
    Payment payment = core.pendingPayment("12.30");
    core.channel.nextClose(new CloseOutcome.Refused(new ChannelError("ACQ.SYSTEM_ERROR", "系统错误")));

    assertThatThrownBy(() -> core.paymentService.close(payment.outTradeNo()))
        .isInstanceOfSatisfying(
            PayGateException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.CHANNEL_REJECTED);
              assertThat(e.channelCode()).isEqualTo("ACQ.SYSTEM_ERROR");
            });
    assertThat(core.payment(payment.outTradeNo()).status()).isEqualTo(PaymentStatus.PENDING);
  }

  @Test
  void anUnknownCloseAnswerLeavesThePaymentPending() {
    Payment payment = core.pendingPayment("12.30");
    core.channel.nextClose(new CloseOutcome.Unknown("read timed out"));

    Payment answered = core.paymentService.close(payment.outTradeNo());

    // Not a failure: the payment as it stands, for the caller to send the close again.
    assertThat(answered).isEqualTo(payment);
    assertThat(core.payment(payment.outTradeNo())).isEqualTo(payment);
  }

  @Test
  void aPaidPaymentCannotBeClosed() {
    Payment payment = core.paidPayment("12.30");

    assertThatThrownBy(() -> core.paymentService.close(payment.outTradeNo()))
        .isInstanceOfSatisfying(
            PayGateException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PAYMENT_NOT_CLOSABLE));
    assertThat(core.channel.calls()).isEmpty();
  }

  @Test
  void aTradeTheChannelReportsWithAnotherAmountIsNotBooked() {
    Payment payment = core.pendingPayment("12.30");
    core.channel.hasPaid(payment.outTradeNo(), Money.parse("1.23"));

    Payment after = core.paymentService.sync(payment.outTradeNo());

    assertThat(after.status()).isEqualTo(PaymentStatus.PENDING);
    assertThat(after.attention()).isEqualTo(Attention.AMOUNT_MISMATCH);
  }

  @Test
  void aClosedTradeThatWasPaidIsBookedAsPaidNeverClosed() {
    Payment payment = core.pendingPayment("12.30");
    var trade = core.channel.hasPaid(payment.outTradeNo(), payment.totalAmount());
    core.channel.nextQueryTrade(
        new TradeLookup.Found(
            CoreFixture.withStatus(trade.view(), TradeState.CLOSED, trade.view().paidAt())));

    Payment after = core.paymentService.sync(payment.outTradeNo());

    assertThat(after.status()).isEqualTo(PaymentStatus.PAID);
    assertThat(after.closedAt()).isNull();
    // Refunded in full at the channel by refunds not named yet (see GivenBackBeforeSeenPaidTest).
    assertThat(after.attention()).isEqualTo(Attention.REFUND_MISMATCH);
  }

  @Test
  void aClosedTradeThatWasNeverPaidClosesThePayment() {
    Payment payment = core.pendingPayment("12.30");
    var trade = core.channel.hasWaiting(payment.outTradeNo(), payment.totalAmount());
    core.channel.nextQueryTrade(
        new TradeLookup.Found(CoreFixture.withStatus(trade.view(), TradeState.CLOSED, null)));

    assertThat(core.paymentService.sync(payment.outTradeNo()).status())
        .isEqualTo(PaymentStatus.CLOSED);
  }
}
