package io.paygate.core.refunds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.paygate.core.money.Money;
import io.paygate.core.payments.Attention;
import io.paygate.core.payments.Payment;
import io.paygate.core.payments.PaymentStatus;
import io.paygate.core.testing.CoreFixture;
import java.time.Instant;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Settling refunds against the channel's word, never booking more than was paid. */
class RefundSettlementTest {

  private final CoreFixture core = new CoreFixture();
  private final Payment payment = core.paidPayment("100.00");

  /** The settlement's callers run it in a transaction, under the payment's lock. */
  private <T> T inTx(Supplier<T> work) {
    return core.transactions.inTransaction(work);
  }

  private Payment locked() {
    return core.payments.lock(payment.outTradeNo()).orElseThrow();
  }

  private void stored(String number, String amount, RefundStatus status) {
    Instant now = core.clock.instant();
    Refund refund =
        new Refund(
            payment.outTradeNo(),
            number,
            Money.parse(amount),
            "退货",
            status,
            status == RefundStatus.FAILED ? "ACQ.SYSTEM_ERROR" : null,
            null,
            now,
            now,
            status == RefundStatus.SUCCEEDED ? now : null,
            RefundOrigin.PAYGATE);
    core.transactions.run(() -> core.refunds.insert(refund));
  }

  private void succeeded(String number, String amount) {
    core.refundService.refund(
        payment.outTradeNo(), new NewRefund(Money.parse(amount), "退货", number));
    assertThat(core.refunds.get(payment.outTradeNo(), number).status())
        .isEqualTo(RefundStatus.SUCCEEDED);
  }

  @Test
  void confirmNeverBooksMoreThanWasPaidAndFlagsARefundMismatchInstead() {
    succeeded("R1", "80.00");
    stored("R2", "30.00", RefundStatus.FAILED);

    boolean changed = inTx(() -> core.settlement.confirm(locked(), "R2"));

    assertThat(changed).isFalse();
    assertThat(core.refunds.get(payment.outTradeNo(), "R2").status())
        .isEqualTo(RefundStatus.FAILED);
    Payment after = core.payment(payment.outTradeNo());
    assertThat(after.attention()).isEqualTo(Attention.REFUND_MISMATCH);
    assertThat(after.refundedAmount()).isEqualTo(Money.parse("80.00"));
    assertThat(after.status()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
  }

  @Test
  void confirmWinsOverAnEarlierFailureWhenItFits() {
    stored("R1", "30.00", RefundStatus.FAILED);

    assertThat(inTx(() -> core.settlement.confirm(locked(), "R1"))).isTrue();

    Refund refund = core.refunds.get(payment.outTradeNo(), "R1");
    assertThat(refund.status()).isEqualTo(RefundStatus.SUCCEEDED);
    assertThat(refund.failureCode()).isNull();
    assertThat(core.payment(payment.outTradeNo()).refundedAmount()).isEqualTo(Money.parse("30.00"));
  }

  @Test
  void confirmingTwiceBooksOnce() {
    stored("R1", "100.00", RefundStatus.PENDING);

    assertThat(inTx(() -> core.settlement.confirm(locked(), "R1"))).isTrue();
    assertThat(inTx(() -> core.settlement.confirm(locked(), "R1"))).isFalse();

    Payment after = core.payment(payment.outTradeNo());
    assertThat(after.refundedAmount()).isEqualTo(Money.parse("100.00"));
    assertThat(after.status()).isEqualTo(PaymentStatus.REFUNDED);
    assertThat(after.attention()).isNull();
  }

  @Test
  void aRefundConfirmedAsSeenIsSettledAndBooked() {
    stored("R1", "100.00", RefundStatus.PENDING);
    Refund seen = core.refunds.get(payment.outTradeNo(), "R1");

    RefundSettlement.Settled settled =
        inTx(() -> core.settlement.confirmedAsSeen(locked(), seen, null));

    assertThat(settled.changed()).isTrue();
    assertThat(settled.refund().status()).isEqualTo(RefundStatus.SUCCEEDED);
    assertThat(settled.refund()).isEqualTo(core.refunds.get(payment.outTradeNo(), "R1"));
    assertThat(settled.payment()).isEqualTo(core.payment(payment.outTradeNo()));
    assertThat(settled.payment().status()).isEqualTo(PaymentStatus.REFUNDED);
  }

  @Test
  void aRefundSeenPendingButConfirmedMeanwhileIsNeitherBookedTwiceNorFlagged() {
    stored("R1", "100.00", RefundStatus.PENDING);
    Refund seen = core.refunds.get(payment.outTradeNo(), "R1");
    // A check confirmed it between the sight and the lock: the payment is refunded in full.
    assertThat(inTx(() -> core.settlement.confirm(locked(), "R1"))).isTrue();

    RefundSettlement.Settled settled =
        inTx(() -> core.settlement.confirmedAsSeen(locked(), seen, null));

    assertThat(settled.changed()).isFalse();
    assertThat(settled.refund().status()).isEqualTo(RefundStatus.SUCCEEDED);
    Payment after = core.payment(payment.outTradeNo());
    assertThat(after.refundedAmount()).isEqualTo(Money.parse("100.00"));
    assertThat(after.attention()).isNull();
  }

  @Test
  void aPartRefundSeenPendingButConfirmedMeanwhileIsBookedOnce() {
    stored("R1", "30.00", RefundStatus.PENDING);
    Refund seen = core.refunds.get(payment.outTradeNo(), "R1");
    assertThat(inTx(() -> core.settlement.confirm(locked(), "R1"))).isTrue();

    RefundSettlement.Settled settled =
        inTx(() -> core.settlement.confirmedAsSeen(locked(), seen, null));

    // Within the bound as seen: the conditional update finds it moved and changes nothing.
    assertThat(settled.changed()).isFalse();
    assertThat(settled.refund().status()).isEqualTo(RefundStatus.SUCCEEDED);
    assertThat(core.payment(payment.outTradeNo()).refundedAmount()).isEqualTo(Money.parse("30.00"));
  }

  @Test
  void confirmingANumberThatIsNotOursChangesNothing() {
    assertThat(inTx(() -> core.settlement.confirm(locked(), "NOT_OURS"))).isFalse();
    assertThat(core.payment(payment.outTradeNo())).isEqualTo(payment);
  }

  @Test
  void aChannelTotalBelowOursFlagsARefundMismatchAndBooksNothing() {
    succeeded("R1", "40.00");

    RefundSettlement.TotalCheck check =
        inTx(
            () ->
                core.settlement.matchChannelTotal(
                    locked(), new ChannelTotal(Money.parse("30.00"), null, null, null, true)));

    assertThat(check).isInstanceOf(RefundSettlement.TotalCheck.Mismatch.class);
    Payment after = core.payment(payment.outTradeNo());
    assertThat(after.attention()).isEqualTo(Attention.REFUND_MISMATCH);
    assertThat(after.refundedAmount()).isEqualTo(Money.parse("40.00"));
    assertThat(core.refunds.findByPayment(payment.outTradeNo())).hasSize(1);
  }

  @Test
  void aChannelTotalAboveWhatWasPaidFlagsARefundMismatchAndBooksNothing() {
    RefundSettlement.TotalCheck check =
        inTx(
            () ->
                core.settlement.matchChannelTotal(
                    locked(), new ChannelTotal(Money.parse("100.01"), "X1", null, null, true)));

    assertThat(check).isInstanceOf(RefundSettlement.TotalCheck.Mismatch.class);
    assertThat(core.payment(payment.outTradeNo()).attention()).isEqualTo(Attention.REFUND_MISMATCH);
    assertThat(core.refunds.findByPayment(payment.outTradeNo())).isEmpty();
  }

  @Test
  void anEqualTotalMatches() {
    succeeded("R1", "40.00");

    assertThat(
            inTx(
                () ->
                    core.settlement.matchChannelTotal(
                        locked(), new ChannelTotal(Money.parse("40.00"), "R1", null, null, true))))
        .isEqualTo(new RefundSettlement.TotalCheck.Matched());
    assertThat(core.payment(payment.outTradeNo()).attention()).isNull();
  }

  @Test
  void moreAtTheChannelWithoutANumberIsNeverBookedUnderANumberOfOurs() {
    RefundSettlement.TotalCheck check =
        inTx(
            () ->
                core.settlement.matchChannelTotal(
                    locked(), new ChannelTotal(Money.parse("10.00"), null, null, null, true)));

    assertThat(check).isEqualTo(new RefundSettlement.TotalCheck.Unexplained(Money.parse("10.00")));
    assertThat(core.refunds.findByPayment(payment.outTradeNo())).isEmpty();
    assertThat(core.payment(payment.outTradeNo()).attention()).isNull();
  }

  @Test
  void aNamedRefundOfKnownAmountIsBookedExactlyEvenWhenTheTotalHoldsAnotherNotNamedYet() {
    // Two console refunds, 10.00 then 15.00; only the second one's notification arrives so far.
    RefundSettlement.TotalCheck check =
        inTx(
            () ->
                core.settlement.matchChannelTotal(
                    locked(),
                    new ChannelTotal(
                        Money.parse("25.00"), "CONSOLE_2", Money.parse("15.00"), null, false)));

    assertThat(check).isInstanceOf(RefundSettlement.TotalCheck.Booked.class);
    assertThat(core.refunds.findByPayment(payment.outTradeNo()))
        .extracting(Refund::outRequestNo, Refund::refundAmount, Refund::origin)
        .containsExactly(tuple("CONSOLE_2", Money.parse("15.00"), RefundOrigin.CHANNEL));
    // The first one's own notification, late: booked under its number, never twice.
    inTx(
        () ->
            core.settlement.matchChannelTotal(
                locked(),
                new ChannelTotal(
                    Money.parse("10.00"), "CONSOLE_1", Money.parse("10.00"), null, false)));
    inTx(
        () ->
            core.settlement.matchChannelTotal(
                locked(),
                new ChannelTotal(
                    Money.parse("10.00"), "CONSOLE_1", Money.parse("10.00"), null, false)));
    assertThat(core.payment(payment.outTradeNo()).refundedAmount()).isEqualTo(Money.parse("25.00"));
    assertThat(core.refunds.findByPayment(payment.outTradeNo())).hasSize(2);
    assertThat(core.payment(payment.outTradeNo()).attention()).isNull();
  }

  @Test
  void aNotificationsOlderTotalBelowOursIsStaleNotAMismatch() {
    succeeded("R1", "40.00");

    RefundSettlement.TotalCheck check =
        inTx(
            () ->
                core.settlement.matchChannelTotal(
                    locked(), new ChannelTotal(Money.parse("30.00"), null, null, null, false)));

    assertThat(check).isEqualTo(new RefundSettlement.TotalCheck.Stale());
    assertThat(core.payment(payment.outTradeNo()).attention()).isNull();
  }

  @Test
  void moreAtTheChannelNamingAFailedRefundOfOursOfThatAmountConfirmsIt() {
    stored("R1", "30.00", RefundStatus.FAILED);

    RefundSettlement.TotalCheck check =
        inTx(
            () ->
                core.settlement.matchChannelTotal(
                    locked(), new ChannelTotal(Money.parse("30.00"), "R1", null, null, true)));

    assertThat(check).isInstanceOf(RefundSettlement.TotalCheck.Booked.class);
    Refund booked = ((RefundSettlement.TotalCheck.Booked) check).refund();
    assertThat(booked.outRequestNo()).isEqualTo("R1");
    assertThat(booked.status()).isEqualTo(RefundStatus.SUCCEEDED);
    assertThat(booked.origin()).isEqualTo(RefundOrigin.PAYGATE);
    assertThat(core.refunds.findByPayment(payment.outTradeNo())).hasSize(1);
    assertThat(core.payment(payment.outTradeNo()).refundedAmount()).isEqualTo(Money.parse("30.00"));
  }

  @Test
  void moreAtTheChannelWhileOneOfOursIsPendingIsDeferred() {
    stored("R1", "30.00", RefundStatus.PENDING);

    RefundSettlement.TotalCheck check =
        inTx(
            () ->
                core.settlement.matchChannelTotal(
                    locked(),
                    new ChannelTotal(Money.parse("30.00"), "CONSOLE_1", null, null, true)));

    assertThat(check).isInstanceOf(RefundSettlement.TotalCheck.Deferred.class);
    assertThat(((RefundSettlement.TotalCheck.Deferred) check).pending())
        .extracting(Refund::outRequestNo)
        .containsExactly("R1");
    assertThat(core.refunds.findByPayment(payment.outTradeNo())).hasSize(1);
    assertThat(core.payment(payment.outTradeNo()).refundedAmount()).isEqualTo(Money.ZERO);
  }

  @Test
  void aRefundAnswersCumulativeTotalBooksNothingItCannotNameButTheNotificationDoes() {
    core.channel.hasRefunded(payment.outTradeNo(), "CONSOLE_1", Money.parse("25.50"));

    Refund ours =
        core.refundService.refund(
            payment.outTradeNo(), new NewRefund(Money.parse("10.00"), "退货", "R1"));

    assertThat(ours.status()).isEqualTo(RefundStatus.SUCCEEDED);
    // The answer's cumulative total says more was refunded, but not which refund: nothing is
    // booked under a number of ours. The console refund's own notification books it exactly.
    assertThat(core.payment(payment.outTradeNo()).refundedAmount()).isEqualTo(Money.parse("10.00"));
    core.deliver(core.refundNotification(payment.outTradeNo(), "CONSOLE_1"));
    assertThat(core.refunds.findByPayment(payment.outTradeNo()))
        .extracting(Refund::outRequestNo, Refund::refundAmount, Refund::origin)
        .containsExactlyInAnyOrder(
            tuple("R1", Money.parse("10.00"), RefundOrigin.PAYGATE),
            tuple("CONSOLE_1", Money.parse("25.50"), RefundOrigin.CHANNEL));
    assertThat(core.payment(payment.outTradeNo()).refundedAmount()).isEqualTo(Money.parse("35.50"));
  }
}
