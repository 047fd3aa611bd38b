package io.paygate.core.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paygate.core.channel.Buyer;
import io.paygate.core.channel.PayOrder;
import io.paygate.core.channel.Product;
import io.paygate.core.channel.TradeState;
import io.paygate.core.errors.ErrorCode;
import io.paygate.core.errors.PayGateException;
import io.paygate.core.money.Money;
import io.paygate.core.notify.NotifyAck;
import io.paygate.core.refunds.NewRefund;
import io.paygate.core.testing.CoreFixture;
import io.paygate.core.testing.FakeChannel;
import org.junit.jupiter.api.Test;

/** App pay, JSAPI for a signed-in buyer, buyer sign-in, and a trade the channel finishes. */
class InAppPaymentsTest {

  private final CoreFixture f = new CoreFixture();

  @Test
  void aJsapiPaymentNeedsItsBuyerAndCarriesItToTheChannel() {
    assertThatThrownBy(
            () ->
                f.paymentService.create(
                    new NewPayment(Money.parse("1.00"), "tea", null, Product.JSAPI, null)))
        .isInstanceOfSatisfying(
            PayGateException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
              assertThat(e.field()).isEqualTo("buyer_id");
            });
    assertThatThrownBy(
            () ->
                f.paymentService.create(
                    new NewPayment(
                        Money.parse("1.00"),
                        "tea",
                        null,
                        Product.PAGE,
                        null,
                        null,
                        Buyer.byOpenId("0abc"))))
        .isInstanceOfSatisfying(
            PayGateException.class, e -> assertThat(e.field()).isEqualTo("buyer_open_id"));

    assertThatThrownBy(
            () ->
                f.paymentService.create(
                    new NewPayment(
                        Money.parse("1.00"),
                        "tea",
                        null,
                        Product.JSAPI,
                        null,
                        null,
                        Buyer.byUserId("not an id"))))
        .isInstanceOfSatisfying(
            PayGateException.class, e -> assertThat(e.field()).isEqualTo("buyer_id"));

    Buyer buyer = new Buyer(null, "0openid", "2021000000000009");
    Payment created =
        f.paymentService.create(
            new NewPayment(Money.parse("1.00"), "tea", null, Product.JSAPI, null, null, buyer));
    assertThat(f.payment(created.outTradeNo()).buyer()).isEqualTo(buyer);

    f.paymentService.checkout(created.outTradeNo());
    PayOrder asked = (PayOrder) f.channel.calls("checkout").get(0).argument();
    assertThat(asked.buyer()).isEqualTo(buyer);
  }

  @Test
  void anAppResultIsCheckedThenTheChannelIsAskedAndAForgedOneChangesNothing() {
    Payment payment =
        f.paymentService.create(
            new NewPayment(Money.parse("6.00"), "tea", null, Product.APP, null));
    f.channel.hasPaid(payment.outTradeNo(), payment.totalAmount());

    assertThatThrownBy(() -> f.paymentService.appResult(payment.outTradeNo(), "forged"))
        .isInstanceOfSatisfying(
            PayGateException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.APP_RESULT_REJECTED));
    assertThatThrownBy(() -> f.paymentService.appResult(payment.outTradeNo(), "signed:OTHER"))
        .isInstanceOf(PayGateException.class);
    assertThat(f.channel.calls("queryTrade")).isEmpty();
    assertThat(f.payment(payment.outTradeNo()).status()).isEqualTo(PaymentStatus.PENDING);

    Payment synced =
        f.paymentService.appResult(payment.outTradeNo(), "signed:" + payment.outTradeNo());
    assertThat(f.channel.calls("queryTrade")).hasSize(1);
    assertThat(synced.status()).isEqualTo(PaymentStatus.PAID);
  }

  @Test
  void aTradeFinishedAfterItsSuccessChangesNothingTellsNothingAndEndsRefunds() {
    Payment paid = f.paidPayment("9.00");
    int told = f.events.changes(paid.outTradeNo()).size();
    FakeChannel.Trade trade = f.channel.trade(paid.outTradeNo());
    var finished = CoreFixture.withStatus(trade.view(), TradeState.SETTLED, paid.paidAt());

    assertThat(f.deliver(f.notification(finished, null, null, null)))
        .isInstanceOf(NotifyAck.Accepted.class);
    assertThat(f.deliver(f.notification(finished, null, null, null)))
        .isInstanceOf(NotifyAck.Accepted.class);

    Payment after = f.payment(paid.outTradeNo());
    assertThat(after.status()).isEqualTo(PaymentStatus.PAID);
    assertThat(after.isFinished()).isTrue();
    assertThat(f.events.changes(paid.outTradeNo())).hasSize(told);
    f.channel.forgetCalls();
    assertThatThrownBy(
            () ->
                f.refundService.refund(
                    paid.outTradeNo(), new NewRefund(Money.parse("1.00"), null, null)))
        .isInstanceOfSatisfying(
            PayGateException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PAYMENT_NOT_REFUNDABLE));
    assertThat(f.channel.calls("refund")).isEmpty();
  }

  @Test
  void aTradeFinishedAsTheFirstNewsBooksThePaymentPaidOnce() {
    Payment pending = f.pendingPayment("4.00");
    FakeChannel.Trade trade = f.channel.hasPaid(pending.outTradeNo(), pending.totalAmount());
    var finished = CoreFixture.withStatus(trade.view(), TradeState.SETTLED, f.clock.instant());

    f.deliver(f.notification(finished, null, null, null));
    f.deliver(f.notification(finished, null, null, null));

    Payment after = f.payment(pending.outTradeNo());
    assertThat(after.status()).isEqualTo(PaymentStatus.PAID);
    assertThat(after.isFinished()).isTrue();
    assertThat(f.events.changes(pending.outTradeNo())).containsExactly("PAID");
  }

  @Test
  void aBuyerSignsInWithTheAuthCodeTheProviderHandedTheirApp() {
    BuyerSignIn signIn = new BuyerSignIn(f.channels);
    assertThat(signIn.signIn(null, "code:2088000000000042"))
        .isEqualTo(Buyer.byUserId("2088000000000042"));
    assertThatThrownBy(() -> signIn.signIn(null, "stale"))
        .isInstanceOfSatisfying(
            PayGateException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CHANNEL_REJECTED));
    assertThatThrownBy(() -> signIn.signIn(null, " "))
        .isInstanceOfSatisfying(
            PayGateException.class, e -> assertThat(e.field()).isEqualTo("auth_code"));
  }
}
