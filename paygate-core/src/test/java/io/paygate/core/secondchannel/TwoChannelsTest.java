package io.paygate.core.secondchannel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paygate.core.channel.ChannelTrade;
import io.paygate.core.channel.Checkout;
import io.paygate.core.channel.InboundNotification;
import io.paygate.core.channel.Product;
import io.paygate.core.channel.RefundOrder;
import io.paygate.core.channel.TradeState;
import io.paygate.core.channel.UnknownChannelException;
import io.paygate.core.money.Money;
import io.paygate.core.notify.Handled;
import io.paygate.core.notify.NotifyAck;
import io.paygate.core.payments.NewPayment;
import io.paygate.core.payments.Payment;
import io.paygate.core.payments.PaymentStatus;
import io.paygate.core.recovery.Janitor;
import io.paygate.core.refunds.NewRefund;
import io.paygate.core.refunds.Refund;
import io.paygate.core.refunds.RefundOrigin;
import io.paygate.core.refunds.RefundStatus;
import io.paygate.core.testing.CoreFixture;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * One core, two channels at once: the fake first channel (the default) and the ledger, which speaks
 * of each refund alone (no running total, as WeChat Pay does). Every call for a payment goes to the
 * payment's own channel, and a notification speaks only for its own channel's payments.
 */
class TwoChannelsTest {

  private final CoreFixture core =
      CoreFixture.beside(clock -> new LedgerChannel(clock).withoutTotals());
  private final LedgerChannel ledger = (LedgerChannel) core.channels.of("ledger");

  private Payment create(String channel, String amount) {
    return core.paymentService.create(
        new NewPayment(
            Money.parse(amount), "茶 tea", null, Product.PAGE, null, null, null, channel));
  }

  private Payment ledgerPaid(String amount) {
    Payment payment = create("ledger", amount);
    core.paymentService.checkout(payment.outTradeNo());
    ledger.buyerPays(payment.outTradeNo());
    Handled handled =
        core.notifications.handle("ledger", ledger.paidNotification(payment.outTradeNo()));
    assertThat(handled.ack()).isEqualTo(new NotifyAck.Accepted("applied"));
    return core.payment(payment.outTradeNo());
  }

  @Test
  void eachPaymentIsCheckedOutAtItsOwnChannel() {
    assertThat(core.channels.ids()).containsExactly("fake", "ledger");
    assertThat(core.channels.defaultId()).isEqualTo("fake");

    Payment first = create(null, "1.00");
    Payment second = create("ledger", "2.00");

    assertThat(first.channel()).isEqualTo("fake");
    assertThat(second.channel()).isEqualTo("ledger");
    assertThat(core.paymentService.checkout(first.outTradeNo())).isInstanceOf(Checkout.Form.class);
    assertThat(core.paymentService.checkout(second.outTradeNo()))
        .isEqualTo(
            new Checkout.Redirect(
                "https://ledger.example/cashier/" + ledger.reference(second.outTradeNo())));
    assertThat(core.channel.calls("checkout")).hasSize(1);
    assertThat(ledger.holds(first.outTradeNo())).isFalse();
  }

  @Test
  void anUnknownChannelIsRefusedByName() {
    assertThatThrownBy(() -> create("nowhere", "1.00"))
        .isInstanceOfSatisfying(
            UnknownChannelException.class, e -> assertThat(e.id()).isEqualTo("nowhere"));
    assertThatThrownBy(
            () ->
                core.notifications.handle(
                    "nowhere",
                    new InboundNotification(
                        java.util.Map.of(), "{}".getBytes(), "application/json")))
        .isInstanceOfSatisfying(
            UnknownChannelException.class, e -> assertThat(e.id()).isEqualTo("nowhere"));
    assertThat(core.payments.all()).isEmpty();
  }

  @Test
  void aNotificationAtAnotherChannelsRouteChangesNothing() {
    Payment payment = create("ledger", "3.00");
    String no = payment.outTradeNo();
    core.paymentService.checkout(no);
    ledger.buyerPays(no);

    // The first channel vouches for a paid trade under the ledger payment's number.
    NotifyAck wrongRoute =
        core.deliver(
            core.notification(
                new ChannelTrade(
                    no, "T-ELSEWHERE", TradeState.PAID, Money.parse("3.00"), null, null, null),
                null,
                null,
                null));

    assertThat(wrongRoute).isInstanceOf(NotifyAck.Refused.class);
    assertThat(((NotifyAck.Refused) wrongRoute).refusal()).isEqualTo(NotifyAck.Refusal.MISMATCH);
    assertThat(core.payment(no).status()).isEqualTo(PaymentStatus.PENDING);
    assertThat(core.payment(no).tradeNo()).isNull();

    Handled right = core.notifications.handle("ledger", ledger.paidNotification(no));
    assertThat(right.ack()).isEqualTo(new NotifyAck.Accepted("applied"));
    assertThat(core.payment(no).tradeNo()).isEqualTo(ledger.reference(no));
  }

  @Test
  void aRefundAnsweredWithoutATotalIsBookedForItsOwnAmountOnceWhateverIsNotifiedAfter() {
    String no = ledgerPaid("10.00").outTradeNo();

    Refund refund =
        core.refundService.refund(no, new NewRefund(Money.parse("3.00"), "退", "REFUND1"));

    assertThat(refund.status()).isEqualTo(RefundStatus.SUCCEEDED);
    assertThat(ledger.refundedFen(no)).isEqualTo(300);
    assertThat(core.channel.refundOrders()).isEmpty();
    // Its notification, twice: nothing more is booked.
    Handled first = core.notifications.handle("ledger", ledger.refundNotification(no, "REFUND1"));
    Handled again = core.notifications.handle("ledger", ledger.refundNotification(no, "REFUND1"));
    assertThat(first.ack()).isInstanceOf(NotifyAck.Accepted.class);
    assertThat(again.ack()).isInstanceOf(NotifyAck.Accepted.class);
    Payment after = core.payment(no);
    assertThat(after.refundedAmount()).isEqualTo(Money.parse("3.00"));
    assertThat(after.status()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
    assertThat(after.attention()).isNull();
    assertThat(core.refunds.findByPayment(no)).hasSize(1);
  }

  @Test
  void aRefundWhoseAnswerWasLostIsConfirmedByItsNotificationAndNotAgainByTheJanitor() {
    String no = ledgerPaid("10.00").outTradeNo();
    ledger.losesTheNextRefundAnswer();

    Refund pending =
        core.refundService.refund(no, new NewRefund(Money.parse("4.00"), "退", "REFUND2"));
    assertThat(pending.status()).isEqualTo(RefundStatus.PENDING);

    Handled notified =
        core.notifications.handle("ledger", ledger.refundNotification(no, "REFUND2"));
    assertThat(notified.ack()).isEqualTo(new NotifyAck.Accepted("refund confirmed"));
    assertThat(core.refundService.get(no, "REFUND2").status()).isEqualTo(RefundStatus.SUCCEEDED);
    assertThat(core.payment(no).refundedAmount()).isEqualTo(Money.parse("4.00"));

    core.clock.advance(Duration.ofSeconds(30));
    assertThat(core.janitor.checkRefund(no, "REFUND2", 0)).isEqualTo(new Janitor.Next.Done());
    core.notifications.handle("ledger", ledger.refundNotification(no, "REFUND2"));
    assertThat(core.payment(no).refundedAmount()).isEqualTo(Money.parse("4.00"));
    assertThat(ledger.refundedFen(no)).isEqualTo(400);
  }

  @Test
  void aRefundMadeAtTheChannelAloneIsBookedOnceForTheAmountItsNotificationNames() {
    Payment paid = ledgerPaid("10.00");
    String no = paid.outTradeNo();
    // Made in the provider's console, not through PayGate.
    ledger.refund(
        new RefundOrder(
            paid.app(),
            no,
            paid.tradeNo(),
            "CONSOLE1",
            Money.parse("2.50"),
            null,
            paid.totalAmount()));

    Handled first = core.notifications.handle("ledger", ledger.refundNotification(no, "CONSOLE1"));
    Handled again = core.notifications.handle("ledger", ledger.refundNotification(no, "CONSOLE1"));

    assertThat(first.ack())
        .isEqualTo(new NotifyAck.Accepted("refund CONSOLE1 made outside PayGate booked"));
    assertThat(again.ack()).isInstanceOf(NotifyAck.Accepted.class);
    Refund booked = core.refundService.get(no, "CONSOLE1");
    assertThat(booked.origin()).isEqualTo(RefundOrigin.CHANNEL);
    assertThat(booked.refundAmount()).isEqualTo(Money.parse("2.50"));
    assertThat(core.payment(no).refundedAmount()).isEqualTo(Money.parse("2.50"));
    assertThat(core.refunds.findByPayment(no)).hasSize(1);
  }

  @Test
  void theJanitorAsksEachPaymentsOwnChannel() {
    Payment atLedger = create("ledger", "6.60");
    Payment atFirst = create(null, "1.10");
    core.paymentService.checkout(atLedger.outTradeNo());
    ledger.buyerPays(atLedger.outTradeNo());
    core.channel.hasPaid(atFirst.outTradeNo(), atFirst.totalAmount());
    core.channel.forgetCalls();
    // Neither notification arrives.
    core.clock.advance(Duration.ofMinutes(1));

    assertThat(core.janitor.checkPayment(atLedger.outTradeNo(), 0))
        .isEqualTo(new Janitor.Next.Done());
    assertThat(core.channel.calls("queryTrade")).isEmpty();
    assertThat(core.janitor.checkPayment(atFirst.outTradeNo(), 0))
        .isEqualTo(new Janitor.Next.Done());
    assertThat(core.channel.calls("queryTrade")).hasSize(1);

    assertThat(core.payment(atLedger.outTradeNo()).status()).isEqualTo(PaymentStatus.PAID);
    assertThat(core.payment(atLedger.outTradeNo()).tradeNo())
        .isEqualTo(ledger.reference(atLedger.outTradeNo()));
    assertThat(core.payment(atFirst.outTradeNo()).status()).isEqualTo(PaymentStatus.PAID);
  }
}
