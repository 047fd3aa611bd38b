package io.paygate.alipay;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.alipay.support.Forms;
import io.paygate.core.channel.CancelOutcome;
import io.paygate.core.channel.Checkout;
import io.paygate.core.channel.CheckoutOutcome;
import io.paygate.core.channel.NotificationCheck;
import io.paygate.core.channel.Product;
import io.paygate.core.channel.RefundLookup;
import io.paygate.core.channel.TradeLookup;
import io.paygate.core.channel.TradeRef;
import io.paygate.core.channel.TradeState;
import io.paygate.core.exchanges.Exchange;
import io.paygate.core.money.Money;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Face-to-face QR orders ({@code alipay.trade.precreate}) through the SDK against the sandbox. */
class SandboxPrecreateRoundTripTest extends SandboxChannelSupport {

  @Test
  void aPrecreatedOrderHasAQrCodeTheBuyerScansAndPaysAndTheNotifyVerifies() throws Exception {
    String outTradeNo = unique("QR");
    CheckoutOutcome first = channel.checkout(order(outTradeNo, Product.QR, "8.80"));
    assertThat(first).isInstanceOf(CheckoutOutcome.Opened.class);
    String qrCode = ((Checkout.QrCode) ((CheckoutOutcome.Opened) first).checkout()).content();
    assertThat(qrCode).startsWith("http");
    // Asked again for the same order, the channel answers the same code.
    assertThat(channel.precreate(order(outTradeNo, Product.QR, "8.80"))).isEqualTo(first);
    // Until a buyer scans, Alipay has no trade.
    assertThat(channel.queryTrade(TradeRef.byOutTradeNo(outTradeNo)))
        .isInstanceOf(TradeLookup.NotFound.class);

    buyerScans(outTradeNo);
    buyerPays(outTradeNo);
    TradeLookup paid = channel.queryTrade(TradeRef.byOutTradeNo(outTradeNo));
    assertThat(((TradeLookup.Found) paid).trade().status()).isEqualTo(TradeState.PAID);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (inbox.received().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    NotificationCheck check =
        channel.verify(Forms.notification(inbox.received().get(inbox.received().size() - 1)));
    assertThat(check).isInstanceOf(NotificationCheck.Verified.class);
    assertThat(exchanges.all()).extracting(Exchange::operation).contains("precreate");
  }

  @Test
  void cancelClosesAnUnpaidOrderAndRefundsAPaidOneUnderTheOrdersNumber() throws Exception {
    String unpaid = unique("QC");
    channel.precreate(order(unpaid, Product.QR, "2.00"));
    assertThat(channel.cancel(TradeRef.byOutTradeNo(unpaid)))
        .isEqualTo(new CancelOutcome.Cancelled("close"));

    String paid = unique("QC");
    channel.precreate(order(paid, Product.QR, "6.00"));
    buyerScans(paid);
    buyerPays(paid);
    assertThat(channel.cancel(TradeRef.byOutTradeNo(paid)))
        .isEqualTo(new CancelOutcome.Cancelled("refund"));
    // The refund a cancel makes is known by the order's own number.
    RefundLookup refund = channel.queryRefund(TradeRef.byOutTradeNo(paid), paid);
    assertThat(refund).isInstanceOf(RefundLookup.Refunded.class);
    assertThat(((RefundLookup.Refunded) refund).amount()).isEqualTo(Money.parse("6.00"));
    // A cashier trade cannot be cancelled: Alipay's own refusal.
    String page = paidTrade("1.00");
    assertThat(channel.cancel(TradeRef.byOutTradeNo(page)))
        .isInstanceOf(CancelOutcome.Refused.class);
  }

  @Test
  void anOrderTheSandboxRefusesIsRefusedWithAlipaysCode() {
    CheckoutOutcome refused = channel.checkout(order(unique("QR"), Product.QR, "0.00"));
    assertThat(refused).isInstanceOf(CheckoutOutcome.Refused.class);
  }
}
