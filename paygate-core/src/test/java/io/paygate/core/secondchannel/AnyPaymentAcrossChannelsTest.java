package io.paygate.core.secondchannel;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.core.channel.Buyer;
import io.paygate.core.channel.Checkout;
import io.paygate.core.channel.Product;
import io.paygate.core.channel.RefundOrder;
import io.paygate.core.channel.TradeState;
import io.paygate.core.money.Money;
import io.paygate.core.notify.Handled;
import io.paygate.core.notify.NotifyAck;
import io.paygate.core.payments.Attention;
import io.paygate.core.payments.CashierWays;
import io.paygate.core.payments.NewPayment;
import io.paygate.core.payments.Payment;
import io.paygate.core.payments.PaymentStatus;
import io.paygate.core.payments.SecondCharges;
import io.paygate.core.testing.CoreFixture;
import org.junit.jupiter.api.Test;

/**
 * A {@code product: any} payment whose cashier opens ways at two channels (the fake first, the
 * ledger second, as Alipay and WeChat Pay): exactly one charge whichever the buyer pays.
 */
class AnyPaymentAcrossChannelsTest {

  private final CoreFixture core =
      CoreFixture.beside(clock -> new LedgerChannel(clock).withoutTotals());
  private final LedgerChannel ledger = (LedgerChannel) core.channels.of("ledger");
  private final CashierWays ways =
      new CashierWays(core.paymentService, core.payments, core.transactions, core.clock);

  private String anyPayment() {
    return core.paymentService
        .create(new NewPayment(Money.parse("8.80"), "茶 tea", null, Product.ANY, null))
        .outTradeNo();
  }

  @Test
  void aSecondWayAtAnotherChannelClosesWhatTheFirstOpenedAtItsChannel() {
    String no = anyPayment();
    assertThat(ways.open(no, "fake", Product.QR, null)).isInstanceOf(CashierWays.Opened.class);
    // The buyer scanned the first channel's code: a trade waits there.
    core.channel.hasWaiting(no, Money.parse("8.80"));

    CashierWays.Opening second = ways.open(no, "ledger", Product.QR, null);

    assertThat(second).isInstanceOf(CashierWays.Opened.class);
    assertThat(((CashierWays.Opened) second).checkout()).isInstanceOf(Checkout.QrCode.class);
    assertThat(core.channel.calls("close")).hasSize(1);
    assertThat(core.channel.trade(no).view().status()).isEqualTo(TradeState.CLOSED);
    Payment payment = core.payment(no);
    assertThat(payment.channel()).isEqualTo("ledger");
    assertThat(payment.way()).isEqualTo(Product.QR);
    assertThat(ledger.holds(no)).isTrue();
  }

  @Test
  void aPaidFirstWayAtAnotherChannelHoldsThePaymentAndNoSecondWayOpens() {
    String no = anyPayment();
    ways.open(no, "fake", Product.QR, null);
    core.channel.hasPaid(no, Money.parse("8.80"));

    CashierWays.Opening second = ways.open(no, "ledger", Product.QR, null);

    assertThat(second).isInstanceOf(CashierWays.Held.class);
    assertThat(second.payment().status()).isEqualTo(PaymentStatus.PAID);
    assertThat(second.payment().channel()).isEqualTo("fake");
    assertThat(ledger.holds(no)).isFalse();
  }

  @Test
  void aFirstWayMadeForASignedInBuyerHoldsThePaymentAtAnotherChannelToo() {
    String no = anyPayment();
    ways.open(no, "fake", Product.JSAPI, Buyer.byUserId("2088000000000001"));
    core.channel.hasWaiting(no, Money.parse("8.80"));

    CashierWays.Opening second = ways.open(no, "ledger", Product.QR, null);

    assertThat(second).isInstanceOf(CashierWays.Held.class);
    assertThat(core.channel.calls("close")).isEmpty();
    assertThat(core.payment(no).channel()).isEqualTo("fake");
    assertThat(ledger.holds(no)).isFalse();
  }

  @Test
  void bothPaidTheSecondChargeIsGivenBackAtItsOwnChannelOnce() {
    String no = anyPayment();
    ways.open(no, "fake", Product.QR, null); // a code shown, never scanned: nothing to close
    ways.open(no, "ledger", Product.QR, null);
    ledger.buyerPays(no);
    Handled paid = core.notifications.handle("ledger", ledger.paidNotification(no));
    assertThat(paid.ack()).isEqualTo(new NotifyAck.Accepted("applied"));

    // Then the first code is paid after all.
    core.channel.hasPaid(no, Money.parse("8.80"));
    var paidThere = core.tradeNotification(no);
    NotifyAck late = core.deliver(paidThere);
    NotifyAck again = core.deliver(paidThere); // a redelivery: asked again, refunded once

    assertThat(late).isEqualTo(new NotifyAck.Accepted("second charge given back"));
    assertThat(again).isEqualTo(late);
    assertThat(core.channel.refundOrders())
        .extracting(RefundOrder::outRequestNo, RefundOrder::refundAmount)
        .containsOnly(
            org.assertj.core.groups.Tuple.tuple(SecondCharges.refundNo(no), Money.parse("8.80")));
    assertThat(core.channel.trade(no).refundedTotal()).isEqualTo(Money.parse("8.80"));
    assertThat(ledger.refundedFen(no)).isZero();
    Payment payment = core.payment(no);
    assertThat(payment.status()).isEqualTo(PaymentStatus.PAID);
    assertThat(payment.channel()).isEqualTo("ledger");
    assertThat(payment.attention()).isEqualTo(Attention.PAID_AFTER_CLOSE);
  }
}
