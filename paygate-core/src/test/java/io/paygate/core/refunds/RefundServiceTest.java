package io.paygate.core.refunds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paygate.core.channel.ChannelError;
import io.paygate.core.channel.RefundLookup;
import io.paygate.core.channel.RefundOutcome;
import io.paygate.core.errors.ErrorCode;
import io.paygate.core.errors.PayGateException;
import io.paygate.core.money.Money;
import io.paygate.core.payments.Payment;
import io.paygate.core.payments.PaymentStatus;
import io.paygate.core.testing.CoreFixture;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Reserve, call, settle: the rules of one refund request. */
class RefundServiceTest {

  private final CoreFixture core = new CoreFixture();

  private static NewRefund refund(String amount, String number) {
    return new NewRefund(Money.parse(amount), "退货 returned", number);
  }

  @Test
  void aRefundTheChannelMakesSucceedsAndUpdatesThePayment() {
    Payment payment = core.paidPayment("100.00");

    Refund refund = core.refundService.refund(payment.outTradeNo(), refund("30.00", "R1"));

    assertThat(refund.status()).isEqualTo(RefundStatus.SUCCEEDED);
    assertThat(refund.origin()).isEqualTo(RefundOrigin.PAYGATE);
    Payment after = core.payment(payment.outTradeNo());
    assertThat(after.status()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
    assertThat(after.refundedAmount()).isEqualTo(Money.parse("30.00"));
    assertThat(core.channel.refundOrders())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.outRequestNo()).isEqualTo("R1");
              assertThat(o.refundAmount()).isEqualTo(Money.parse("30.00"));
              assertThat(o.tradeNo()).isEqualTo(payment.tradeNo());
            });
  }

  @Test
  void aRefundOfTheWholeRemainderMakesThePaymentRefunded() {
    Payment payment = core.paidPayment("100.00");
    core.refundService.refund(payment.outTradeNo(), refund("30.00", "R1"));
    core.refundService.refund(payment.outTradeNo(), refund("70.00", "R2"));

    Payment after = core.payment(payment.outTradeNo());
    assertThat(after.status()).isEqualTo(PaymentStatus.REFUNDED);
    assertThat(after.refundedAmount()).isEqualTo(Money.parse("100.00"));
  }

  @Test
  void aPendingRefundReservesItsAmountSoASecondOneOverTheRemainderIsRefused() {
    Payment payment = core.paidPayment("100.00");
    core.channel.nextRefund(new RefundOutcome.Unknown("read timed out"));
    Refund pending = core.refundService.refund(payment.outTradeNo(), refund("60.00", "R1"));
    assertThat(pending.status()).isEqualTo(RefundStatus.PENDING);
    assertThat(core.refunds.sumReserved(payment.outTradeNo())).isEqualTo(Money.parse("60.00"));

    assertThatThrownBy(() -> core.refundService.refund(payment.outTradeNo(), refund("40.01", "R2")))
        .isInstanceOfSatisfying(
            PayGateException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.REFUND_EXCEEDS_AVAILABLE);
              assertThat(e.field()).isEqualTo("refund_amount");
              assertThat(e.getMessage()).contains("40.00");
            });
    assertThat(core.refunds.find(payment.outTradeNo(), "R2")).isEmpty();
    assertThat(core.channel.refundOrders()).hasSize(1);

    // Exactly the remainder still fits.
    assertThat(core.refundService.refund(payment.outTradeNo(), refund("40.00", "R3")).status())
        .isEqualTo(RefundStatus.SUCCEEDED);
  }

  @Test
  void anUnknownAnswerLeavesTheRefundPendingAndPlansACheckTenSecondsLater() {
    Payment payment = core.paidPayment("100.00");
    core.channel.nextRefund(new RefundOutcome.Unknown("read timed out"));

    Refund refund = core.refundService.refund(payment.outTradeNo(), refund("10.00", "R1"));

    assertThat(refund.status()).isEqualTo(RefundStatus.PENDING);
    assertThat(core.checks.refundCheck(payment.outTradeNo(), "R1"))
        .contains(CoreFixture.START.plus(Duration.ofSeconds(10)));
    // No query at once: Alipay asks for a pause before a refund is queried.
    assertThat(core.channel.operations()).containsExactly("refund");
    Payment after = core.payment(payment.outTradeNo());
    assertThat(after.status()).isEqualTo(PaymentStatus.PAID);
    assertThat(after.refundedAmount()).isEqualTo(Money.ZERO);
  }

  @Test
  void aRefusedAnswerFailsTheRefundAndReleasesItsAmount() {
    Payment payment = core.paidPayment("100.00");
    core.channel.nextRefund(
        new RefundOutcome.Refused(new ChannelError("ACQ.SELLER_BALANCE_NOT_ENOUGH", "卖家余额不足")));

    assertThatThrownBy(
            () -> core.refundService.refund(payment.outTradeNo(), refund("100.00", "R1")))
        .isInstanceOfSatisfying(
            PayGateException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.CHANNEL_REJECTED);
              assertThat(e.channelCode()).isEqualTo("ACQ.SELLER_BALANCE_NOT_ENOUGH");
            });

    Refund failed = core.refunds.get(payment.outTradeNo(), "R1");
    assertThat(failed.status()).isEqualTo(RefundStatus.FAILED);
    assertThat(failed.failureCode()).isEqualTo("ACQ.SELLER_BALANCE_NOT_ENOUGH");
    assertThat(core.refunds.sumReserved(payment.outTradeNo())).isEqualTo(Money.ZERO);
    assertThat(core.payment(payment.outTradeNo()).status()).isEqualTo(PaymentStatus.PAID);
    // The released amount can be refunded in full by another request.
    assertThat(core.refundService.refund(payment.outTradeNo(), refund("100.00", "R2")).status())
        .isEqualTo(RefundStatus.SUCCEEDED);
  }

  @Test
  void aFailedRefundAskedForAgainIsSentAgainUnderItsOwnNumber() {
    Payment payment = core.paidPayment("100.00");
    core.channel.nextRefund(
        new RefundOutcome.Refused(new ChannelError("ACQ.SYSTEM_ERROR", "系统错误")));
    assertThatThrownBy(
        () -> core.refundService.refund(payment.outTradeNo(), refund("25.00", "R1")));

    Refund retried = core.refundService.refund(payment.outTradeNo(), refund("25.00", "R1"));

    assertThat(retried.status()).isEqualTo(RefundStatus.SUCCEEDED);
    assertThat(core.channel.refundOrders())
        .extracting(o -> o.outRequestNo())
        .containsExactly("R1", "R1");
    assertThat(core.refunds.findByPayment(payment.outTradeNo())).hasSize(1);
  }

  @Test
  void fundChangeNoQueriesTheRefundAtOnce() {
    Payment payment = core.paidPayment("100.00");
    core.channel.nextRefund(
        new RefundOutcome.Accepted(Money.parse("10.00"), false, core.clock.instant()));
    core.channel.nextQueryRefund(
        new RefundLookup.Refunded(Money.parse("10.00"), core.clock.instant()));

    Refund refund = core.refundService.refund(payment.outTradeNo(), refund("10.00", "R1"));

    assertThat(core.channel.operations()).containsExactly("refund", "queryRefund");
    assertThat(refund.status()).isEqualTo(RefundStatus.SUCCEEDED);
    assertThat(core.payment(payment.outTradeNo()).refundedAmount()).isEqualTo(Money.parse("10.00"));
  }

  @Test
  void fundChangeNoWhoseQueryFindsNothingStaysPendingWithACheckPlanned() {
    Payment payment = core.paidPayment("100.00");
    core.channel.nextRefund(new RefundOutcome.Accepted(Money.ZERO, false, core.clock.instant()));
    core.channel.nextQueryRefund(new RefundLookup.NotRefunded());

    Refund refund = core.refundService.refund(payment.outTradeNo(), refund("10.00", "R1"));

    assertThat(core.channel.operations()).containsExactly("refund", "queryRefund");
    assertThat(refund.status()).isEqualTo(RefundStatus.PENDING);
    assertThat(core.checks.refundCheck(payment.outTradeNo(), "R1"))
        .contains(CoreFixture.START.plus(Duration.ofSeconds(10)));
  }

  @Test
  void theSameRequestAgainSendsNothingNew() {
    Payment payment = core.paidPayment("100.00");
    Refund first = core.refundService.refund(payment.outTradeNo(), refund("10.00", "R1"));

    Refund again = core.refundService.refund(payment.outTradeNo(), refund("10.00", "R1"));

    assertThat(again).isEqualTo(first);
    assertThat(core.channel.refundOrders()).hasSize(1);
    assertThat(core.payment(payment.outTradeNo()).refundedAmount()).isEqualTo(Money.parse("10.00"));
  }

  @Test
  void aNumberUsedForAnotherAmountIsAConflict() {
    Payment payment = core.paidPayment("100.00");
    core.refundService.refund(payment.outTradeNo(), refund("10.00", "R1"));

    assertThatThrownBy(() -> core.refundService.refund(payment.outTradeNo(), refund("11.00", "R1")))
        .isInstanceOfSatisfying(
            PayGateException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.OUT_REQUEST_NO_CONFLICT));
    assertThat(core.channel.refundOrders()).hasSize(1);
  }

  @Test
  void anUnpaidPaymentCannotBeRefunded() {
    Payment payment = core.pendingPayment("100.00");

    assertThatThrownBy(() -> core.refundService.refund(payment.outTradeNo(), refund("10.00", "R1")))
        .isInstanceOfSatisfying(
            PayGateException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PAYMENT_NOT_REFUNDABLE));
    assertThat(core.refunds.findByPayment(payment.outTradeNo())).isEmpty();
    assertThat(core.channel.refundOrders()).isEmpty();
  }

  @Test
  void theSameRequestWhilePendingAsksTheChannelInsteadOfSendingAgain() {
    Payment payment = core.paidPayment("100.00");
    core.channel.nextRefund(new RefundOutcome.Unknown("read timed out"));
    core.refundService.refund(payment.outTradeNo(), refund("10.00", "R1"));
    core.channel.hasRefunded(payment.outTradeNo(), "R1", Money.parse("10.00"));

    Refund again = core.refundService.refund(payment.outTradeNo(), refund("10.00", "R1"));

    assertThat(core.channel.operations()).containsExactly("refund", "queryRefund");
    assertThat(again.status()).isEqualTo(RefundStatus.SUCCEEDED);
  }

  @Test
  void aConsoleRefundBookedWhileOneOfOursIsPendingLeavesNothingAvailableNeverLessThanNothing() {
    Payment payment = core.paidPayment("10.00");
    core.channel.nextRefund(new RefundOutcome.Unknown("read timed out"));
    core.refundService.refund(payment.outTradeNo(), refund("6.00", "R1"));
    // Meanwhile 5.00 is refunded in the merchant console and its notification books it: with
    // ours still reserved, more is held than was paid until the channel refuses ours.
    core.channel.hasRefunded(payment.outTradeNo(), "CONSOLE_1", Money.parse("5.00"));
    core.deliver(core.refundNotification(payment.outTradeNo(), "CONSOLE_1"));
    assertThat(core.refunds.sumReserved(payment.outTradeNo())).isEqualTo(Money.parse("11.00"));

    assertThatThrownBy(() -> core.refundService.refund(payment.outTradeNo(), refund("1.00", "R2")))
        .isInstanceOfSatisfying(
            PayGateException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.REFUND_EXCEEDS_AVAILABLE);
              assertThat(e.getMessage()).contains("at most 0.00 can still be refunded");
            });
  }
}
