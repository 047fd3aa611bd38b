package io.paygate.core.testing;

import io.paygate.core.channel.ChannelTrade;
import io.paygate.core.channel.Channels;
import io.paygate.core.channel.InboundNotification;
import io.paygate.core.channel.NotifyReply;
import io.paygate.core.channel.PaymentChannel;
import io.paygate.core.channel.Product;
import io.paygate.core.channel.TradeNotification;
import io.paygate.core.channel.TradeState;
import io.paygate.core.facetoface.CancelService;
import io.paygate.core.money.Money;
import io.paygate.core.notify.Handled;
import io.paygate.core.notify.NotificationService;
import io.paygate.core.notify.NotifyAck;
import io.paygate.core.numbers.Identifiers;
import io.paygate.core.payments.NewPayment;
import io.paygate.core.payments.PaidAfterClose;
import io.paygate.core.payments.Payment;
import io.paygate.core.payments.PaymentService;
import io.paygate.core.payments.PaymentStatus;
import io.paygate.core.payments.TradeReconciler;
import io.paygate.core.recovery.Janitor;
import io.paygate.core.refunds.PaidAfterCloseRefunds;
import io.paygate.core.refunds.RefundService;
import io.paygate.core.refunds.RefundSettlement;
import io.paygate.core.testkit.MutableClock;
import io.paygate.core.testkit.RecordingExchangeLog;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The whole core wired to in-memory fakes, as the server wires it to the database and Alipay. */
public final class CoreFixture {

  public static final Instant START = Instant.parse("2026-12-02T08:00:00Z");
  public static final Duration PAY_TIMEOUT = Duration.ofHours(2);

  public final MutableClock clock = new MutableClock(START);
  public final DirectTransactions transactions = new DirectTransactions();
  public final InMemoryPaymentRepository payments = new InMemoryPaymentRepository(transactions);
  public final InMemoryRefundRepository refunds =
      new InMemoryRefundRepository(payments, transactions);
  public final FakeChannel channel = new FakeChannel(clock);

  /** The channel the core is wired to: {@link #channel}, unless another was given. */
  public final PaymentChannel port;

  /** Every channel the core is wired to: {@link #port}, and any given beside it. */
  public final Channels channels;

  public final RecordingCheckSchedule checks = new RecordingCheckSchedule();
  public final RecordingExchangeLog exchanges = new RecordingExchangeLog();
  public final Identifiers identifiers = new Identifiers(clock);
  public final RecordingBookEvents events = new RecordingBookEvents(transactions);
  public final TradeReconciler reconciler;
  public final RefundSettlement settlement;
  public final PaymentService paymentService;
  public final RefundService refundService;
  public final NotificationService notifications;
  public final CancelService cancels;
  public final Janitor janitor;
  private int notifyIds;

  public CoreFixture() {
    this(PaidAfterClose.REFUND);
  }

  public CoreFixture(PaidAfterClose paidAfterClose) {
    this(paidAfterClose, null);
  }

  /** The core wired to another channel, made on the fixture's clock. */
  public CoreFixture(Function<Clock, PaymentChannel> another) {
    this(PaidAfterClose.REFUND, another);
  }

  /**
   * The core wired to two channels at once: {@link #channel} (the default) and another, made on the
   * fixture's clock.
   */
  public static CoreFixture beside(Function<Clock, PaymentChannel> second) {
    return new CoreFixture(PaidAfterClose.REFUND, null, second);
  }

  private CoreFixture(PaidAfterClose paidAfterClose, Function<Clock, PaymentChannel> another) {
    this(paidAfterClose, another, null);
  }

  private CoreFixture(
      PaidAfterClose paidAfterClose,
      Function<Clock, PaymentChannel> another,
      Function<Clock, PaymentChannel> beside) {
    port = another == null ? channel : another.apply(clock);
    channels =
        beside == null
            ? Channels.single(port)
            : new Channels(List.of(port, beside.apply(clock)), port.id());
    settlement = new RefundSettlement(refunds, payments, events, clock);
    reconciler =
        new TradeReconciler(
            payments,
            new PaidAfterCloseRefunds(refunds, settlement, checks),
            paidAfterClose,
            events);
    paymentService =
        new PaymentService(
            payments,
            channels,
            reconciler,
            transactions,
            identifiers,
            checks,
            clock,
            PAY_TIMEOUT,
            events);
    refundService =
        new RefundService(
            payments, refunds, settlement, channels, transactions, identifiers, checks, clock);
    notifications =
        new NotificationService(
            channels, payments, reconciler, settlement, checks, transactions, exchanges, clock);
    cancels =
        new CancelService(
            paymentService, payments, reconciler, settlement, checks, transactions, clock);
    janitor =
        new Janitor(
            payments,
            paymentService,
            refunds,
            refundService,
            cancels,
            clock,
            Duration.ofSeconds(30));
  }

  /** A new pending payment of this amount, its first check forgotten. */
  public Payment pendingPayment(String amount) {
    Payment payment =
        paymentService.create(
            new NewPayment(Money.parse(amount), "订单 order", null, Product.PAGE, null));
    checks.clear();
    return payment;
  }

  /** A payment the buyer paid, learnt by a sync; the channel's calls and plans forgotten. */
  public Payment paidPayment(String amount) {
    Payment payment = pendingPayment(amount);
    channel.hasPaid(payment.outTradeNo(), payment.totalAmount());
    Payment paid = paymentService.sync(payment.outTradeNo());
    if (paid.status() != PaymentStatus.PAID) {
      throw new AssertionError("setting up a paid payment left it " + paid.status());
    }
    channel.forgetCalls();
    checks.clear();
    return paid;
  }

  public Payment payment(String outTradeNo) {
    return payments.get(outTradeNo);
  }

  // ---- notifications ----

  /** What the channel's notification says about the trade as it holds it now. */
  public TradeNotification tradeNotification(String outTradeNo) {
    return notification(channel.trade(outTradeNo).view(), null, null, null);
  }

  /** A refund notification: the trade as the channel holds it, with its cumulative refund_fee. */
  public TradeNotification refundNotification(String outTradeNo, String refundNo) {
    FakeChannel.Trade trade = channel.trade(outTradeNo);
    return notification(trade.view(), trade.refundedTotal(), refundNo, clock.instant());
  }

  public TradeNotification notification(
      ChannelTrade trade, Money refundedTotal, String refundNo, Instant refundedAt) {
    return new TradeNotification(
        "notify" + (++notifyIds), trade, refundedTotal, refundNo, refundedAt);
  }

  /** Delivers a notification that verifies as the given one. */
  public NotifyAck deliver(TradeNotification notification) {
    return deliver(notification, parameters(notification));
  }

  /** Delivers a notification that reads as the given one, arriving with these parameters. */
  public NotifyAck deliver(TradeNotification notification, Map<String, String> parameters) {
    channel.nextNotificationVerified(notification);
    return handle(parameters);
  }

  /** Posts these form parameters as a notification; the reply is kept in {@link #lastReply}. */
  public NotifyAck handle(Map<String, String> parameters) {
    Handled handled = notifications.handle(form(parameters));
    lastReply = handled.reply();
    return handled.ack();
  }

  /** The reply the channel wanted sent for the last notification handled. */
  public NotifyReply lastReply;

  /** A notification posted as a UTF-8 form. */
  public static InboundNotification form(Map<String, String> parameters) {
    StringBuilder body = new StringBuilder();
    parameters.forEach(
        (name, value) ->
            body.append(body.isEmpty() ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
    return new InboundNotification(
        Map.of("Content-Type", "application/x-www-form-urlencoded"),
        body.toString().getBytes(StandardCharsets.UTF_8),
        "application/x-www-form-urlencoded");
  }

  /** The parameters of a UTF-8 form. */
  public static Map<String, String> parseForm(byte[] body) {
    Map<String, String> parameters = new LinkedHashMap<>();
    String text = new String(body, StandardCharsets.UTF_8);
    for (String pair : text.split("&")) {
      if (!pair.isEmpty()) {
        int equals = pair.indexOf('=');
        parameters.putIfAbsent(
            URLDecoder.decode(
                equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8),
            equals < 0
                ? ""
                : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
      }
    }
    return parameters;
  }

  /** The form parameters such a notification arrives with. */
  public static Map<String, String> parameters(TradeNotification n) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("notify_id", n.notifyId());
    p.put("app_id", FakeChannel.ACCOUNT.appId());
    p.put("seller_id", FakeChannel.ACCOUNT.sellerId());
    ChannelTrade t = n.trade();
    p.put("out_trade_no", t.outTradeNo());
    if (t.tradeNo() != null) {
      p.put("trade_no", t.tradeNo());
    }
    p.put("trade_status", t.status().name());
    if (t.totalAmount() != null) {
      p.put("total_amount", t.totalAmount().toString());
    }
    if (n.refundedTotal() != null) {
      p.put("refund_fee", n.refundedTotal().toString());
    }
    if (n.refundNo() != null) {
      p.put("out_biz_no", n.refundNo());
    }
    p.put("sign_type", "RSA2");
    p.put("sign", "c2lnbmF0dXJl");
    return p;
  }

  /** A copy of the trade with another status and paid time. */
  public static ChannelTrade withStatus(ChannelTrade t, TradeState status, Instant paidAt) {
    return new ChannelTrade(
        t.outTradeNo(),
        t.tradeNo(),
        status,
        t.totalAmount(),
        t.buyerLogonId(),
        t.buyerId(),
        paidAt);
  }

  /** A copy of the trade with another amount. */
  public static ChannelTrade withAmount(ChannelTrade t, Money amount) {
    return new ChannelTrade(
        t.outTradeNo(), t.tradeNo(), t.status(), amount, t.buyerLogonId(), t.buyerId(), t.paidAt());
  }
}
