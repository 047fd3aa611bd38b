package io.paygate.core.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.core.channel.CloseOutcome;
import io.paygate.core.channel.TradeLookup;
import io.paygate.core.payments.Attention;
import io.paygate.core.payments.Payment;
import io.paygate.core.payments.PaymentStatus;
import io.paygate.core.refunds.PaidAfterCloseRefunds;
import io.paygate.core.testing.CoreFixture;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The janitor's check of one open payment: ask, write what changed, say when to look again. */
class JanitorPaymentTest {

  private static final Duration MARGIN = Janitor.CLOSED_WATCH_MARGIN;

  private final CoreFixture core = new CoreFixture();

  @Test
  void aPendingPaymentTheChannelReportsPaidBecomesPaidAndIsDone() {
    Payment payment = core.pendingPayment("20.00");
    core.clock.advance(Duration.ofMinutes(1));
    core.channel.hasPaid(payment.outTradeNo(), payment.totalAmount());

    Janitor.Next next = core.janitor.checkPayment(payment.outTradeNo(), 0);

    assertThat(next).isEqualTo(new Janitor.Next.Done());
    assertThat(core.payment(payment.outTradeNo()).status()).isEqualTo(PaymentStatus.PAID);
  }

  @Test
  void aPaymentStillWaitingIsCheckedAgainAfterAGrowingWait() {
    Payment payment = core.pendingPayment("20.00");
    core.channel.hasWaiting(payment.outTradeNo(), payment.totalAmount());
    Instant now = core.clock.instant();

    // The first check comes a minute after creation; from there the waits double.
    assertThat(core.janitor.checkPayment(payment.outTradeNo(), 0))
        .isEqualTo(new Janitor.Next.At(now.plus(Duration.ofMinutes(2))));
    assertThat(core.janitor.checkPayment(payment.outTradeNo(), 1))
        .isEqualTo(new Janitor.Next.At(now.plus(Duration.ofMinutes(4))));
    assertThat(core.janitor.checkPayment(payment.outTradeNo(), 3))
        .isEqualTo(new Janitor.Next.At(now.plus(Duration.ofMinutes(16))));
    assertThat(core.janitor.checkPayment(payment.outTradeNo(), 9))
        .isEqualTo(new Janitor.Next.At(now.plus(Duration.ofMinutes(30))));
    assertThat(core.payment(payment.outTradeNo()).status()).isEqualTo(PaymentStatus.PENDING);
    assertThat(core.channel.calls("queryTrade")).hasSize(4);
  }

  @Test
  void theNextCheckOfAPendingPaymentIsNeverPastItsExpiry() {
    Payment payment = core.pendingPayment("20.00");
    core.clock.set(payment.expiresAt().minus(Duration.ofMinutes(7)));

    Janitor.Next next = core.janitor.checkPayment(payment.outTradeNo(), 9);

    assertThat(next).isEqualTo(new Janitor.Next.At(payment.expiresAt()));
  }

  @Test
  void anUnknownAnswerChangesNothingAndLooksAgainLater() {
    Payment payment = core.pendingPayment("20.00");
    core.channel.hasPaid(payment.outTradeNo(), payment.totalAmount());
    core.channel.nextQueryTrade(new TradeLookup.Unknown("read timed out"));
    Instant now = core.clock.instant();

    Janitor.Next next = core.janitor.checkPayment(payment.outTradeNo(), 2);

    assertThat(next).isEqualTo(new Janitor.Next.At(now.plus(Duration.ofMinutes(8))));
    assertThat(core.payment(payment.outTradeNo())).isEqualTo(payment);
  }

  @Test
  void atItsExpiryAPaymentTheChannelNeverSawIsClosedLocallyAndWatchedTillTheMargin() {
    Payment payment = core.pendingPayment("20.00");
    core.clock.set(payment.expiresAt());

    Janitor.Next next = core.janitor.checkPayment(payment.outTradeNo(), 9);

    assertThat(core.channel.operations()).containsExactly("queryTrade", "close");
    Payment closed = core.payment(payment.outTradeNo());
    assertThat(closed.status()).isEqualTo(PaymentStatus.CLOSED);
    assertThat(closed.closedAt()).isEqualTo(payment.expiresAt());
    assertThat(next).isEqualTo(new Janitor.Next.At(payment.expiresAt().plus(MARGIN)));
  }

  @Test
  void pastItsExpiryAnOpenTradeIsClosedAtTheChannel() {
    Payment payment = core.pendingPayment("20.00");
    core.channel.hasWaiting(payment.outTradeNo(), payment.totalAmount());
    core.clock.set(payment.expiresAt().plus(Duration.ofSeconds(30)));

    core.janitor.checkPayment(payment.outTradeNo(), 9);

    assertThat(core.payment(payment.outTradeNo()).status()).isEqualTo(PaymentStatus.CLOSED);
    assertThat(core.channel.calls("close")).hasSize(1);
  }

  @Test
  void pastItsExpiryAnUnansweredCloseLeavesThePaymentPendingAndLooksAgain() {
    Payment payment = core.pendingPayment("20.00");
    core.clock.set(payment.expiresAt().plus(Duration.ofSeconds(30)));
    core.channel.nextClose(new CloseOutcome.Unknown("read timed out"));

    Janitor.Next next = core.janitor.checkPayment(payment.outTradeNo(), 1);

    assertThat(core.payment(payment.outTradeNo()).status()).isEqualTo(PaymentStatus.PENDING);
    assertThat(next)
        .isEqualTo(new Janitor.Next.At(core.clock.instant().plus(Duration.ofMinutes(4))));
  }

  @Test
  void aClosedPaymentIsWatchedUntilItsExpiryPlusTheMarginThenDone() {
    Payment payment = core.pendingPayment("20.00");
    core.paymentService.close(payment.outTradeNo());
    core.clock.set(payment.expiresAt().plus(Duration.ofMinutes(1)));

    Janitor.Next watching = core.janitor.checkPayment(payment.outTradeNo(), 9);

    assertThat(watching).isEqualTo(new Janitor.Next.At(payment.expiresAt().plus(MARGIN)));
    assertThat(core.channel.calls("queryTrade")).hasSize(1);

    core.clock.set(payment.expiresAt().plus(MARGIN).plus(Duration.ofMinutes(1)));
    assertThat(core.janitor.checkPayment(payment.outTradeNo(), 10))
        .isEqualTo(new Janitor.Next.Done());
    assertThat(core.payment(payment.outTradeNo()).status()).isEqualTo(PaymentStatus.CLOSED);
  }

  @Test
  void aClosedPaymentPaidWithinTheWatchIsBookedAndRefundedAndDone() {
    Payment payment = core.pendingPayment("20.00");
    core.paymentService.close(payment.outTradeNo());
    core.clock.advance(Duration.ofMinutes(20));
    core.channel.hasPaid(payment.outTradeNo(), payment.totalAmount());

    Janitor.Next next = core.janitor.checkPayment(payment.outTradeNo(), 3);

    assertThat(next).isEqualTo(new Janitor.Next.Done());
    Payment after = core.payment(payment.outTradeNo());
    assertThat(after.status()).isEqualTo(PaymentStatus.PAID);
    assertThat(after.attention()).isEqualTo(Attention.PAID_AFTER_CLOSE);
    assertThat(core.refunds.find(payment.outTradeNo(), PaidAfterCloseRefunds.REFUND_NO))
        .isPresent();
  }

  @Test
  void theLastLookAtTheEndOfTheWatchStillAsksTheChannel() {
    Payment payment = core.pendingPayment("20.00");
    core.clock.set(payment.expiresAt());
    Janitor.Next last = core.janitor.checkPayment(payment.outTradeNo(), 9);
    assertThat(last).isEqualTo(new Janitor.Next.At(payment.expiresAt().plus(MARGIN)));
    // The buyer, whose cashier page was loaded before the close, pays two minutes later and
    // the notification is lost.
    core.clock.advance(Duration.ofMinutes(2));
    core.channel.hasPaid(payment.outTradeNo(), payment.totalAmount());
    core.channel.forgetCalls();

    // The scheduler runs the planned look at the time it was planned for.
    core.clock.set(((Janitor.Next.At) last).at());
    Janitor.Next next = core.janitor.checkPayment(payment.outTradeNo(), 10);

    assertThat(core.channel.calls("queryTrade")).hasSize(1);
    assertThat(core.payment(payment.outTradeNo()).status()).isEqualTo(PaymentStatus.PAID);
    assertThat(core.payment(payment.outTradeNo()).attention())
        .isEqualTo(Attention.PAID_AFTER_CLOSE);
    assertThat(next).isEqualTo(new Janitor.Next.Done());
  }

  @Test
  void aPaidPaymentIsDoneWithoutAskingTheChannel() {
    Payment payment = core.paidPayment("20.00");

    assertThat(core.janitor.checkPayment(payment.outTradeNo(), 0))
        .isEqualTo(new Janitor.Next.Done());
    assertThat(core.channel.calls()).isEmpty();
  }

  @Test
  void anUnknownPaymentIsDone() {
    assertThat(core.janitor.checkPayment("P_NO_SUCH", 0)).isEqualTo(new Janitor.Next.Done());
  }

  @Test
  void pastItsExpiryACloseRefusedBecauseTheBuyerJustPaidBooksThePaymentAndIsDone() {
    Payment payment = core.pendingPayment("20.00");
    core.channel.hasWaiting(payment.outTradeNo(), payment.totalAmount());
    core.clock.set(payment.expiresAt().plus(Duration.ofSeconds(30)));
    // The buyer pays between the janitor's query and its close.
    core.channel.nextQueryTrade(
        new TradeLookup.Found(core.channel.trade(payment.outTradeNo()).view()));
    core.channel.hasPaid(payment.outTradeNo(), payment.totalAmount());

    Janitor.Next next = core.janitor.checkPayment(payment.outTradeNo(), 9);

    assertThat(core.channel.operations()).containsExactly("queryTrade", "close", "queryTrade");
    assertThat(next).isEqualTo(new Janitor.Next.Done());
    Payment after = core.payment(payment.outTradeNo());
    assertThat(after.status()).isEqualTo(PaymentStatus.PAID);
    assertThat(after.attention()).isNull();
  }
}
