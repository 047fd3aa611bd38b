package io.paygate.core.refunds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.paygate.core.channel.ChannelError;
import io.paygate.core.channel.RefundLookup;
import io.paygate.core.channel.RefundOrder;
import io.paygate.core.channel.RefundOutcome;
import io.paygate.core.money.Money;
import io.paygate.core.payments.Attention;
import io.paygate.core.payments.Payment;
import io.paygate.core.payments.PaymentStatus;
import io.paygate.core.recovery.Janitor;
import io.paygate.core.testing.CoreFixture;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A pending refund, checked later by {@link RefundService#recheck} and {@link Janitor#checkRefund}:
 * sent again under its own number when the channel cannot find it, failed only on a refusal.
 */
class RefundRecheckTest {

  private final CoreFixture core = new CoreFixture();
  private Payment payment;

  @BeforeEach
  void aRefundLeftPendingByATimeout() {
    payment = core.paidPayment("100.00");
    core.channel.nextRefund(new RefundOutcome.Unknown("read timed out"));
    Refund pending =
        core.refundService.refund(
            payment.outTradeNo(), new NewRefund(Money.parse("40.00"), "退货", "R1"));
    assertThat(pending.status()).isEqualTo(RefundStatus.PENDING);
    core.clock.advance(Duration.ofSeconds(10));
  }

  @Test
  void aQueryThatFindsNothingSendsTheSameNumberAndAmountAgainAndTheRefundSucceeds() {
    Refund after = core.refundService.recheck(payment.outTradeNo(), "R1");

    assertThat(core.channel.operations()).containsExactly("refund", "queryRefund", "refund");
    assertThat(core.channel.refundOrders())
        .extracting(RefundOrder::outRequestNo, RefundOrder::refundAmount)
        .containsExactly(tuple("R1", Money.parse("40.00")), tuple("R1", Money.parse("40.00")));
    assertThat(after.status()).isEqualTo(RefundStatus.SUCCEEDED);
    assertThat(core.refundService.resentCount()).isEqualTo(1);
    Payment paymentAfter = core.payment(payment.outTradeNo());
    assertThat(paymentAfter.refundedAmount()).isEqualTo(Money.parse("40.00"));
    assertThat(paymentAfter.status()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
    assertThat(core.refunds.findByPayment(payment.outTradeNo())).hasSize(1);
  }

  @Test
  void aQueryThatFindsTheRefundSettlesItWithoutSendingAgain() {
    core.channel.hasRefunded(payment.outTradeNo(), "R1", Money.parse("40.00"));

    Refund after = core.refundService.recheck(payment.outTradeNo(), "R1");

    assertThat(after.status()).isEqualTo(RefundStatus.SUCCEEDED);
    assertThat(core.channel.refundOrders()).hasSize(1);
    assertThat(core.refundService.resentCount()).isZero();
  }

  @Test
  void anUnknownQuerySendsNothingAndLeavesItPending() {
    core.channel.nextQueryRefund(new RefundLookup.Unknown("system busy"));

    Refund after = core.refundService.recheck(payment.outTradeNo(), "R1");

    assertThat(after.status()).isEqualTo(RefundStatus.PENDING);
    assertThat(core.channel.operations()).containsExactly("refund", "queryRefund");
    assertThat(core.refunds.sumReserved(payment.outTradeNo())).isEqualTo(Money.parse("40.00"));
  }

  @Test
  void aResentRefundThatTimesOutAgainStaysPending() {
    core.channel.nextRefund(new RefundOutcome.Unknown("read timed out"));

    Refund after = core.refundService.recheck(payment.outTradeNo(), "R1");

    assertThat(after.status()).isEqualTo(RefundStatus.PENDING);
    assertThat(core.channel.refundOrders()).hasSize(2);
  }

  @Test
  void itBecomesFailedOnlyOnARefusal() {
    core.channel.nextRefund(
        new RefundOutcome.Refused(new ChannelError("ACQ.SELLER_BALANCE_NOT_ENOUGH", "卖家余额不足")));

    Refund after = core.refundService.recheck(payment.outTradeNo(), "R1");

    assertThat(after.status()).isEqualTo(RefundStatus.FAILED);
    assertThat(after.failureCode()).isEqualTo("ACQ.SELLER_BALANCE_NOT_ENOUGH");
    assertThat(core.refunds.sumReserved(payment.outTradeNo())).isEqualTo(Money.ZERO);
  }

  @Test
  void theJanitorSendsItAgainAndIsDoneOnceItSucceeded() {
    Janitor.Next next = core.janitor.checkRefund(payment.outTradeNo(), "R1", 0);

    assertThat(next).isEqualTo(new Janitor.Next.Done());
    assertThat(core.refunds.get(payment.outTradeNo(), "R1").status())
        .isEqualTo(RefundStatus.SUCCEEDED);
    assertThat(core.channel.refundOrders())
        .extracting(RefundOrder::outRequestNo)
        .containsExactly("R1", "R1");
  }

  @Test
  void theJanitorIsDoneWithAFailedRefund() {
    core.channel.nextRefund(
        new RefundOutcome.Refused(new ChannelError("ACQ.TRADE_HAS_FINISHED", "交易已完结")));

    assertThat(core.janitor.checkRefund(payment.outTradeNo(), "R1", 0))
        .isEqualTo(new Janitor.Next.Done());
    assertThat(core.refunds.get(payment.outTradeNo(), "R1").status())
        .isEqualTo(RefundStatus.FAILED);
    // Asked again, a settled refund is neither sent nor queried.
    core.channel.forgetCalls();
    assertThat(core.janitor.checkRefund(payment.outTradeNo(), "R1", 1))
        .isEqualTo(new Janitor.Next.Done());
    assertThat(core.channel.calls()).isEmpty();
  }

  @Test
  void theJanitorLooksAgainLaterWithAGrowingWaitWhileTheChannelCannotSay() {
    Instant now = core.clock.instant();
    core.channel.nextQueryRefund(new RefundLookup.Unknown("busy"));
    core.channel.nextQueryRefund(new RefundLookup.Unknown("busy"));
    core.channel.nextQueryRefund(new RefundLookup.Unknown("busy"));

    Janitor.Next first = core.janitor.checkRefund(payment.outTradeNo(), "R1", 0);
    Janitor.Next second = core.janitor.checkRefund(payment.outTradeNo(), "R1", 1);
    Janitor.Next third = core.janitor.checkRefund(payment.outTradeNo(), "R1", 2);

    assertThat(first).isEqualTo(new Janitor.Next.At(now.plus(Duration.ofMinutes(1))));
    assertThat(second).isEqualTo(new Janitor.Next.At(now.plus(Duration.ofMinutes(2))));
    assertThat(third).isEqualTo(new Janitor.Next.At(now.plus(Duration.ofMinutes(4))));
    assertThat(core.refunds.get(payment.outTradeNo(), "R1").status())
        .isEqualTo(RefundStatus.PENDING);
    assertThat(core.channel.refundOrders()).hasSize(1);
  }

  @Test
  void theJanitorIsDoneWithARefundThatDoesNotExist() {
    assertThat(core.janitor.checkRefund(payment.outTradeNo(), "NO_SUCH", 0))
        .isEqualTo(new Janitor.Next.Done());
  }

  @Test
  void aQueryFindingOurNumberWithAnotherAmountFlagsARefundMismatchInsteadOfBookingOurs() {
    core.channel.nextQueryRefund(
        new RefundLookup.Refunded(Money.parse("25.00"), core.clock.instant()));

    core.refundService.recheck(payment.outTradeNo(), "R1");

    Payment after = core.payment(payment.outTradeNo());
    assertThat(after.attention()).isEqualTo(Attention.REFUND_MISMATCH);
    assertThat(after.refundedAmount()).isNotEqualTo(Money.parse("40.00"));
    assertThat(core.refunds.get(payment.outTradeNo(), "R1").status())
        .isNotEqualTo(RefundStatus.SUCCEEDED);
  }

  @Test
  void aRefundConfirmedByAQueryKeepsTheChannelsRefundTime() {
    Instant madeAt = core.clock.instant().minusSeconds(9);
    core.channel.nextQueryRefund(new RefundLookup.Refunded(Money.parse("40.00"), madeAt));
    core.clock.advance(Duration.ofMinutes(30));

    Refund after = core.refundService.recheck(payment.outTradeNo(), "R1");

    assertThat(after.status()).isEqualTo(RefundStatus.SUCCEEDED);
    assertThat(after.refundedAt()).isEqualTo(madeAt);
  }
}
