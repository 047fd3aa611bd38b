package io.paygate.core.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.core.channel.Product;
import io.paygate.core.money.Money;
import io.paygate.core.payments.NewPayment;
import io.paygate.core.payments.Payment;
import io.paygate.core.payments.PaymentStatus;
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
}
