package io.paygate.core.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.paygate.core.channel.ChannelTrade;
import io.paygate.core.channel.RefundLookup;
import io.paygate.core.channel.RefundOutcome;
import io.paygate.core.channel.TradeNotification;
import io.paygate.core.channel.TradeState;
import io.paygate.core.exchanges.Exchange;
import io.paygate.core.money.Money;
import io.paygate.core.payments.Attention;
import io.paygate.core.payments.Payment;
import io.paygate.core.payments.PaymentStatus;
import io.paygate.core.refunds.NewRefund;
import io.paygate.core.refunds.Refund;
import io.paygate.core.refunds.RefundOrigin;
import io.paygate.core.refunds.RefundStatus;
import io.paygate.core.testing.CoreFixture;
import io.paygate.core.testing.FakeChannel;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Asynchronous notifications: verified, checked, applied once; anything doubtful changes nothing.
 */
class NotificationServiceTest {

  private final CoreFixture core = new CoreFixture();

  /** A notification's parameters, naming another merchant account. */
  private Map<String, String> withAccount(TradeNotification n, String appId, String sellerId) {
    Map<String, String> p = new LinkedHashMap<>(CoreFixture.parameters(n));
    p.put("app_id", appId);
    p.put("seller_id", sellerId);
    return p;
  }

  /** A payment the buyer paid whose notification has not arrived yet. */
  private Payment paidAtTheChannelOnly(String amount) {
    Payment payment = core.pendingPayment(amount);
    core.channel.hasPaid(payment.outTradeNo(), payment.totalAmount());
    return payment;
  }

  @Test
  void aRejectedSignatureChangesNothingAndIsRecordedApartFromThePayment() {
    Payment payment = paidAtTheChannelOnly("88.00");
    Map<String, String> forged =
        CoreFixture.parameters(core.tradeNotification(payment.outTradeNo()));
    core.channel.nextNotificationRejected("bad signature");

    NotifyAck ack = core.handle(forged);

    assertThat(ack)
        .isEqualTo(new NotifyAck.Refused(NotifyAck.Refusal.NOT_GENUINE, "bad signature"));
    assertThat(core.lastReply.body()).isEqualTo("failure");
    assertThat(core.payment(payment.outTradeNo())).isEqualTo(payment);
    Exchange exchange = core.exchanges.last();
    assertThat(exchange.operation()).isEqualTo("notify-unverified");
    assertThat(exchange.outTradeNo()).isNull();
    assertThat(exchange.direction()).isEqualTo(Exchange.Direction.INBOUND);
    assertThat(exchange.outcome()).isEqualTo("rejected: bad signature");
    assertThat(exchange.request()).doesNotContain("sign=").contains("sign_type=RSA2");
    assertThat(core.exchanges.forPayment(payment.outTradeNo())).isEmpty();
  }

  @Test
  void aGenuineNotificationOfOneAppNamingAnotherAppsPaymentChangesNothing() {
    Payment payment = paidAtTheChannelOnly("66.00");
    TradeNotification notification = core.tradeNotification(payment.outTradeNo());

    // Signed for the merchant's second app, but the payment is the default app's.
    NotifyAck ack =
        core.deliver(
            notification,
            withAccount(
                notification,
                FakeChannel.SECOND_ACCOUNT.appId(),
                FakeChannel.SECOND_ACCOUNT.sellerId()));

    assertThat(ack).isInstanceOf(NotifyAck.Refused.class);
    assertThat(((NotifyAck.Refused) ack).refusal()).isEqualTo(NotifyAck.Refusal.MISMATCH);
    assertThat(core.lastReply.body()).isEqualTo("failure");
    assertThat(core.payment(payment.outTradeNo())).isEqualTo(payment);
    // The same notification for its own app is applied.
    assertThat(core.deliver(notification, CoreFixture.parameters(notification)))
        .isEqualTo(new NotifyAck.Accepted("applied"));
    assertThat(core.payment(payment.outTradeNo()).status()).isEqualTo(PaymentStatus.PAID);
  }

  @Test
  void anotherAppIdChangesNothing() {
    Payment payment = paidAtTheChannelOnly("88.00");
    TradeNotification notification = core.tradeNotification(payment.outTradeNo());

    NotifyAck ack =
        core.deliver(
            notification,
            withAccount(notification, "2021999999999999", FakeChannel.ACCOUNT.sellerId()));

    assertThat(ack)
        .isEqualTo(new NotifyAck.Refused(NotifyAck.Refusal.NOT_GENUINE, "app_id is not ours"));
    assertThat(core.payment(payment.outTradeNo())).isEqualTo(payment);
    assertThat(core.exchanges.last().operation()).isEqualTo("notify-unverified");
    assertThat(core.exchanges.last().outTradeNo()).isNull();
  }

  @Test
  void anotherSellerIdChangesNothing() {
    Payment payment = paidAtTheChannelOnly("88.00");
    TradeNotification notification = core.tradeNotification(payment.outTradeNo());

    NotifyAck ack =
        core.deliver(
            notification,
            withAccount(notification, FakeChannel.ACCOUNT.appId(), "2088999999999999"));

    assertThat(ack)
        .isEqualTo(new NotifyAck.Refused(NotifyAck.Refusal.NOT_GENUINE, "seller_id is not ours"));
    assertThat(core.payment(payment.outTradeNo())).isEqualTo(payment);
  }

  @Test
  void aPaidNotificationMarksThePaymentPaidOnce() {
    Payment payment = paidAtTheChannelOnly("88.00");
    TradeNotification notification = core.tradeNotification(payment.outTradeNo());

    NotifyAck first = core.deliver(notification);
    Payment paid = core.payment(payment.outTradeNo());
    core.clock.advance(Duration.ofMinutes(3));
    NotifyAck second = core.deliver(notification);

    assertThat(first).isEqualTo(new NotifyAck.Accepted("applied"));
    assertThat(core.lastReply.body()).isEqualTo("success");
    assertThat(paid.status()).isEqualTo(PaymentStatus.PAID);
    assertThat(paid.tradeNo()).isEqualTo(notification.trade().tradeNo());
    assertThat(paid.paidAt()).isEqualTo(notification.trade().paidAt());
    assertThat(paid.attention()).isNull();
    assertThat(second).isEqualTo(new NotifyAck.Accepted("no change"));
    assertThat(core.payment(payment.outTradeNo())).isEqualTo(paid);
    assertThat(core.exchanges.forPayment(payment.outTradeNo()))
        .extracting(Exchange::operation, Exchange::outcome)
        .containsExactly(tuple("notify", "applied"), tuple("notify", "no change"));
    // Nothing about a paid payment needs a refund.
    assertThat(core.refunds.findByPayment(payment.outTradeNo())).isEmpty();
  }

  @Test
  void aRedeliveryOfWhatIsBookedIsAnsweredWithoutThePaymentsLock() {
    Payment payment = paidAtTheChannelOnly("88.00");
    TradeNotification notification = core.tradeNotification(payment.outTradeNo());
    core.deliver(notification);
    Payment paid = core.payment(payment.outTradeNo());
    int locks = core.payments.locks();

    NotifyAck again = core.deliver(notification);

    assertThat(again).isEqualTo(new NotifyAck.Accepted("no change"));
    assertThat(core.payments.locks()).isEqualTo(locks);
    assertThat(core.payment(payment.outTradeNo())).isEqualTo(paid);
    assertThat(core.exchanges.forPayment(payment.outTradeNo()))
        .extracting(Exchange::outcome)
        .containsExactly("applied", "no change");

    // The same trade with another amount is no redelivery: checked under the lock, and flagged.
    NotifyAck other =
        core.deliver(
            core.notification(
                CoreFixture.withAmount(notification.trade(), Money.parse("8.80")),
                null,
                null,
                null));

    assertThat(other).isInstanceOf(NotifyAck.Refused.class);
    assertThat(core.payments.locks()).isEqualTo(locks + 1);
    assertThat(core.payment(payment.outTradeNo()).attention()).isEqualTo(Attention.AMOUNT_MISMATCH);
  }

  @Test
  void aNotificationWithAnotherAmountChangesNothingAndFlagsAnAmountMismatch() {
    Payment payment = paidAtTheChannelOnly("88.00");
    ChannelTrade other =
        CoreFixture.withAmount(
            core.channel.trade(payment.outTradeNo()).view(), Money.parse("8.80"));

    NotifyAck ack = core.deliver(core.notification(other, null, null, null));

    assertThat(ack).isInstanceOf(NotifyAck.Refused.class);
    Payment after = core.payment(payment.outTradeNo());
    assertThat(after.status()).isEqualTo(PaymentStatus.PENDING);
    assertThat(after.tradeNo()).isNull();
    assertThat(after.paidAt()).isNull();
    assertThat(after.attention()).isEqualTo(Attention.AMOUNT_MISMATCH);
  }

  @Test
  void aNotificationForAnUnknownPaymentIsRefused() {
    Payment payment = paidAtTheChannelOnly("88.00");
    ChannelTrade trade = core.channel.trade(payment.outTradeNo()).view();
    ChannelTrade unknown =
        new ChannelTrade(
            "P_NOT_OURS",
            trade.tradeNo(),
            trade.status(),
            trade.totalAmount(),
            null,
            null,
            trade.paidAt());

    NotifyAck ack = core.deliver(core.notification(unknown, null, null, null));

    assertThat(ack)
        .isEqualTo(
            new NotifyAck.Refused(NotifyAck.Refusal.UNKNOWN_PAYMENT, "unknown out_trade_no"));
    assertThat(core.payment(payment.outTradeNo())).isEqualTo(payment);
    // Recorded apart, as a notification naming nothing of ours, kept only briefly.
    assertThat(core.exchanges.last().operation()).isEqualTo("notify-unmatched");
    assertThat(core.exchanges.last().outTradeNo()).isNull();
  }

  @Test
  void aNotificationCarryingAnotherPaymentsTradeNoChangesNothing() {
    Payment first = core.paidPayment("88.00");
    Payment second = paidAtTheChannelOnly("88.00");
    ChannelTrade trade = core.channel.trade(second.outTradeNo()).view();
    ChannelTrade stolen =
        new ChannelTrade(
            trade.outTradeNo(),
            first.tradeNo(),
            trade.status(),
            trade.totalAmount(),
            null,
            null,
            trade.paidAt());

    NotifyAck ack = core.deliver(core.notification(stolen, null, null, null));

    assertThat(ack).isInstanceOf(NotifyAck.Refused.class);
    assertThat(core.payment(second.outTradeNo()).status()).isEqualTo(PaymentStatus.PENDING);
  }

  @Test
  void aClosedTradeWithoutRefundsClosesAPendingPayment() {
    Payment payment = core.pendingPayment("88.00");
    FakeChannel.Trade trade = core.channel.hasWaiting(payment.outTradeNo(), payment.totalAmount());
    ChannelTrade closed = CoreFixture.withStatus(trade.view(), TradeState.CLOSED, null);

    NotifyAck ack = core.deliver(core.notification(closed, null, null, null));

    assertThat(ack).isEqualTo(new NotifyAck.Accepted("applied"));
    Payment after = core.payment(payment.outTradeNo());
    assertThat(after.status()).isEqualTo(PaymentStatus.CLOSED);
    assertThat(after.closedAt()).isEqualTo(core.clock.instant());
  }

  @Test
  void aRefundNotificationNamingOurPendingRefundConfirmsIt() {
    Payment payment = core.paidPayment("100.00");
    core.channel.nextRefund(new RefundOutcome.Unknown("read timed out"));
    core.refundService.refund(
        payment.outTradeNo(), new NewRefund(Money.parse("30.00"), "退货", "R1"));
    core.channel.hasRefunded(payment.outTradeNo(), "R1", Money.parse("30.00"));

    NotifyAck ack = core.deliver(core.refundNotification(payment.outTradeNo(), "R1"));

    assertThat(ack).isEqualTo(new NotifyAck.Accepted("refund confirmed"));
    assertThat(core.refunds.get(payment.outTradeNo(), "R1").status())
        .isEqualTo(RefundStatus.SUCCEEDED);
    Payment after = core.payment(payment.outTradeNo());
    assertThat(after.refundedAmount()).isEqualTo(Money.parse("30.00"));
    assertThat(after.status()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
    assertThat(core.refunds.findByPayment(payment.outTradeNo())).hasSize(1);
  }

  @Test
  void aRefundMadeOutsidePayGateIsBookedUnderTheChannelsNumberOnce() {
    Payment payment = core.paidPayment("100.00");
    core.refundService.refund(
        payment.outTradeNo(), new NewRefund(Money.parse("10.00"), "退货", "R1"));
    core.channel.hasRefunded(payment.outTradeNo(), "CONSOLE_1", Money.parse("25.50"));
    TradeNotification notification = core.refundNotification(payment.outTradeNo(), "CONSOLE_1");
    assertThat(notification.refundedTotal()).isEqualTo(Money.parse("35.50"));

    NotifyAck ack = core.deliver(notification);

    assertThat(ack)
        .isEqualTo(new NotifyAck.Accepted("refund CONSOLE_1 made outside PayGate booked"));
    Refund outside = core.refunds.get(payment.outTradeNo(), "CONSOLE_1");
    assertThat(outside.origin()).isEqualTo(RefundOrigin.CHANNEL);
    assertThat(outside.status()).isEqualTo(RefundStatus.SUCCEEDED);
    assertThat(outside.refundAmount()).isEqualTo(Money.parse("25.50"));
    assertThat(outside.refundedAt()).isEqualTo(notification.refundedAt());
    Payment after = core.payment(payment.outTradeNo());
    assertThat(after.refundedAmount()).isEqualTo(Money.parse("35.50"));
    assertThat(after.status()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);

    NotifyAck again = core.deliver(notification);

    assertThat(again).isEqualTo(new NotifyAck.Accepted("no change"));
    // Its amount was asked for once; a redelivery of a refund booked already asks nothing.
    assertThat(core.channel.calls("queryRefund")).hasSize(1);
    assertThat(core.refunds.findByPayment(payment.outTradeNo())).hasSize(2);
    assertThat(core.payment(payment.outTradeNo()).refundedAmount()).isEqualTo(Money.parse("35.50"));
  }

  @Test
  void anOutsideRefundOfKnownAmountIsBookedEvenWhileOneOfOursIsPending() {
    Payment payment = core.paidPayment("100.00");
    core.channel.nextRefund(new RefundOutcome.Unknown("read timed out"));
    core.refundService.refund(
        payment.outTradeNo(), new NewRefund(Money.parse("10.00"), "退货", "R1"));
    core.clock.advance(Duration.ofSeconds(3));
    core.channel.hasRefunded(payment.outTradeNo(), "CONSOLE_1", Money.parse("25.50"));

    // Its exact amount is asked for by its number, so ours pending does not blur it.
    NotifyAck ack = core.deliver(core.refundNotification(payment.outTradeNo(), "CONSOLE_1"));

    assertThat(ack).isInstanceOf(NotifyAck.Accepted.class);
    assertThat(core.refunds.get(payment.outTradeNo(), "CONSOLE_1").refundAmount())
        .isEqualTo(Money.parse("25.50"));
    assertThat(core.refunds.get(payment.outTradeNo(), "R1").status())
        .isEqualTo(RefundStatus.PENDING);
    assertThat(core.payment(payment.outTradeNo()).refundedAmount()).isEqualTo(Money.parse("25.50"));
  }

  @Test
  void anOutsideRefundWhoseAmountCannotBeAskedIsRefusedSoTheChannelDeliversItAgain() {
    Payment payment = core.paidPayment("100.00");
    core.channel.nextRefund(new RefundOutcome.Unknown("read timed out"));
    core.refundService.refund(
        payment.outTradeNo(), new NewRefund(Money.parse("10.00"), "退货", "R1"));
    core.checks.clear();
    core.clock.advance(Duration.ofSeconds(3));
    core.channel.hasRefunded(payment.outTradeNo(), "CONSOLE_1", Money.parse("25.50"));
    core.channel.nextQueryRefund(new RefundLookup.Unknown("read timed out"));

    NotifyAck ack = core.deliver(core.refundNotification(payment.outTradeNo(), "CONSOLE_1"));

    assertThat(ack).isInstanceOf(NotifyAck.Refused.class);
    assertThat(core.refunds.find(payment.outTradeNo(), "CONSOLE_1")).isEmpty();
    assertThat(core.refunds.get(payment.outTradeNo(), "R1").status())
        .isEqualTo(RefundStatus.PENDING);
    Payment after = core.payment(payment.outTradeNo());
    assertThat(after.refundedAmount()).isEqualTo(Money.ZERO);
    assertThat(after.status()).isEqualTo(PaymentStatus.PAID);
  }

  @Test
  void aClosedTradeWithARefundFeeForAPendingPaymentIsPaidAndRefundedNeverClosed() {
    Payment payment = paidAtTheChannelOnly("100.00");
    core.channel.hasRefunded(payment.outTradeNo(), "CONSOLE_1", Money.parse("100.00"));
    TradeNotification notification = core.refundNotification(payment.outTradeNo(), "CONSOLE_1");
    ChannelTrade closedWithoutPayDate =
        CoreFixture.withStatus(notification.trade(), TradeState.CLOSED, null);

    NotifyAck ack =
        core.deliver(
            core.notification(
                closedWithoutPayDate,
                notification.refundedTotal(),
                notification.refundNo(),
                notification.refundedAt()));

    assertThat(ack).isInstanceOf(NotifyAck.Accepted.class);
    Payment after = core.payment(payment.outTradeNo());
    assertThat(after.status()).isEqualTo(PaymentStatus.REFUNDED);
    assertThat(after.paidAt()).isNotNull();
    assertThat(after.closedAt()).isNull();
    assertThat(after.tradeNo()).isEqualTo(notification.trade().tradeNo());
    assertThat(after.refundedAmount()).isEqualTo(Money.parse("100.00"));
    assertThat(core.refunds.get(payment.outTradeNo(), "CONSOLE_1").origin())
        .isEqualTo(RefundOrigin.CHANNEL);
  }

  @Test
  void aRefundFeeBelowOursInANotificationIsAnOlderFigureAndChangesNothing() {
    Payment payment = core.paidPayment("100.00");
    core.refundService.refund(
        payment.outTradeNo(), new NewRefund(Money.parse("30.00"), "退货", "R1"));
    TradeNotification said = core.refundNotification(payment.outTradeNo(), "R1");

    NotifyAck ack =
        core.deliver(
            core.notification(said.trade(), Money.parse("20.00"), "R1", said.refundedAt()));

    // Notifications arrive out of order: an older cumulative figure is no mismatch.
    assertThat(ack).isInstanceOf(NotifyAck.Accepted.class);
    Payment after = core.payment(payment.outTradeNo());
    assertThat(after.attention()).isNull();
    assertThat(after.refundedAmount()).isEqualTo(Money.parse("30.00"));
  }
}
