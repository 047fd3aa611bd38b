package io.paygate.core.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.core.channel.PayOrder;
import io.paygate.core.channel.PaymentChannel;
import io.paygate.core.channel.Product;
import io.paygate.core.channel.RefundOrder;
import io.paygate.core.channel.TradeRef;
import io.paygate.core.facetoface.BarcodePayments;
import io.paygate.core.money.Money;
import io.paygate.core.payments.NewPayment;
import io.paygate.core.payments.Payment;
import io.paygate.core.refunds.NewRefund;
import io.paygate.core.refunds.PaidAfterCloseRefunds;
import io.paygate.core.testing.CoreFixture;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Whatever is put in flight has its check row before the call leaves: a channel that looks at the
 * schedule when it is called finds the row there, for a refund, a barcode charge, a close, a cancel
 * and the give-back of money paid after a close. A process dying mid-call leaves it watched.
 */
class RowBeforeTheCallTest {

  /** What the schedule held at each call that puts something in flight, in order. */
  private final List<String> seen = new ArrayList<>();

  private final AtomicReference<CoreFixture> fixture = new AtomicReference<>();
  private final CoreFixture core = new CoreFixture(clock -> watching());

  {
    fixture.set(core);
  }

  /** The fixture's fake channel, looking at the schedule before each call that moves something. */
  private PaymentChannel watching() {
    return (PaymentChannel)
        Proxy.newProxyInstance(
            PaymentChannel.class.getClassLoader(),
            new Class<?>[] {PaymentChannel.class},
            (proxy, method, args) -> {
              if (method.getName().equals("id")) {
                return "fake"; // asked while the fixture is being wired, before it is set
              }
              CoreFixture core = fixture.get();
              switch (method.getName()) {
                case "refund" -> {
                  RefundOrder order = (RefundOrder) args[0];
                  seen.add(
                      "refund "
                          + order.outRequestNo()
                          + " watched: "
                          + core.checks
                              .refundCheck(order.outTradeNo(), order.outRequestNo())
                              .isPresent());
                }
                case "payBarcode", "close" -> {
                  String no =
                      args[0] instanceof TradeRef ref
                          ? ref.outTradeNo()
                          : ((PayOrder) args[0]).outTradeNo();
                  seen.add(
                      method.getName() + " watched: " + core.checks.paymentCheck(no).isPresent());
                }
                case "cancel" -> {
                  TradeRef ref = (TradeRef) args[0];
                  seen.add(
                      "cancel watched: " + core.checks.cancelResend(ref.outTradeNo()).isPresent());
                }
                default -> {}
              }
              try {
                return method.invoke(core.channel, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  @Test
  void aRefundIsWatchedBeforeItIsSent() {
    Payment paid = core.paidPayment("10.00");

    core.refundService.refund(
        paid.outTradeNo(), new NewRefund(Money.parse("4.00"), "退 refund", "R1"));

    assertThat(seen).containsExactly("refund R1 watched: true");
    // Answered and settled: its row is gone.
    assertThat(core.checks.refundCheck(paid.outTradeNo(), "R1")).isEmpty();
  }

  @Test
  void aBarcodeChargeIsWatchedBeforeItIsSent() {
    BarcodePayments barcodes =
        new BarcodePayments(
            core.paymentService, core.cancels, core.clock, Duration.ZERO, Duration.ofMillis(1));

    barcodes.pay(
        new NewPayment(Money.parse("3.00"), "付款码 barcode", null, Product.BARCODE, null),
        "281234567890123456");

    assertThat(seen).first().isEqualTo("payBarcode watched: true");
  }

  @Test
  void aCloseIsWatchedSoonBeforeItIsSent() {
    Payment payment = core.pendingPayment("5.00"); // its first check forgotten
    core.channel.hasWaiting(payment.outTradeNo(), payment.totalAmount());

    core.paymentService.close(payment.outTradeNo());

    assertThat(seen).containsExactly("close watched: true");
  }

  @Test
  void aCancelIsWatchedBeforeItIsSentAndForgottenOnceAnswered() {
    Payment payment =
        core.paymentService.create(
            new NewPayment(Money.parse("6.00"), "扫码 qr", null, Product.QR, null));

    core.cancels.requestCancel(payment.outTradeNo());

    assertThat(seen).containsExactly("cancel watched: true");
    assertThat(core.checks.cancelResend(payment.outTradeNo())).isEmpty();
  }

  @Test
  void theGiveBackOfMoneyPaidAfterACloseIsWatchedBeforeItIsSent() {
    Payment payment = core.pendingPayment("7.00");
    core.paymentService.close(payment.outTradeNo());
    core.clock.advance(Duration.ofMinutes(1));
    core.channel.hasPaid(payment.outTradeNo(), payment.totalAmount());
    core.paymentService.sync(payment.outTradeNo());
    seen.clear();

    core.janitor.checkRefund(payment.outTradeNo(), PaidAfterCloseRefunds.REFUND_NO, 0);

    assertThat(seen)
        .containsExactly("refund " + PaidAfterCloseRefunds.REFUND_NO + " watched: true");
  }
}
