package io.paygate.core.testing;

import io.paygate.core.channel.BarcodeOutcome;
import io.paygate.core.channel.BillLookup;
import io.paygate.core.channel.Buyer;
import io.paygate.core.channel.CancelOutcome;
import io.paygate.core.channel.ChannelError;
import io.paygate.core.channel.ChannelRules;
import io.paygate.core.channel.ChannelTrade;
import io.paygate.core.channel.Checkout;
import io.paygate.core.channel.CheckoutOutcome;
import io.paygate.core.channel.CloseOutcome;
import io.paygate.core.channel.InboundNotification;
import io.paygate.core.channel.MerchantApps;
import io.paygate.core.channel.NotificationCheck;
import io.paygate.core.channel.NotifyReply;
import io.paygate.core.channel.PayOrder;
import io.paygate.core.channel.PaymentChannel;
import io.paygate.core.channel.Product;
import io.paygate.core.channel.RefundLookup;
import io.paygate.core.channel.RefundOrder;
import io.paygate.core.channel.RefundOutcome;
import io.paygate.core.channel.SignInOutcome;
import io.paygate.core.channel.TradeLookup;
import io.paygate.core.channel.TradeNotification;
import io.paygate.core.channel.TradeRef;
import io.paygate.core.channel.TradeState;
import io.paygate.core.money.Money;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A scripted payment channel: a second channel, written against the port without a word of Alipay
 * (the core needs none). Each operation answers from its queue of scripted answers first; when the
 * queue is empty it answers from a small model of the trades "at the channel" (status, amount, and
 * the refunds it made under each out_request_no). Every call is recorded with its arguments.
 */
public final class FakeChannel implements PaymentChannel {

  /** The merchant account the fake acts for: notifications must name it. */
  public record Account(String appId, String sellerId) {}

  public static final Account ACCOUNT = new Account("app-1", "shop-1");

  /** A second app of the same merchant, that sells face-to-face only. */
  public static final Account SECOND_ACCOUNT = new Account("app-2", "shop-2");

  public static final String SECOND_APP = "counter";

  private static final Map<String, Account> ACCOUNTS =
      Map.of(MerchantApps.DEFAULT, ACCOUNT, SECOND_APP, SECOND_ACCOUNT);

  @Override
  public MerchantApps apps() {
    return new MerchantApps(
        Map.of(
            MerchantApps.DEFAULT,
            java.util.Set.of(Product.values()),
            SECOND_APP,
            java.util.Set.of(Product.QR, Product.BARCODE)));
  }

  /** Limits of the fake's own (the numbers happen to be those the core's tests were written to). */
  public static final ChannelRules RULES =
      new ChannelRules(
          256,
          128,
          256,
          new ChannelRules.Format(
              java.util.regex.Pattern.compile("[0-9A-Za-z_]{1,64}"),
              "1 to 64 characters of letters, digits and underscore"),
          new ChannelRules.Format(java.util.regex.Pattern.compile("\\d{18}"), "18 digits"),
          java.time.Duration.ofSeconds(10));

  @Override
  public ChannelRules rules() {
    return RULES;
  }

  /** One call to the channel: the operation's name and its argument. */
  public record Call(String operation, Object argument) {}

  /** A trade as the channel holds it. */
  public static final class Trade {
    final String outTradeNo;
    final String tradeNo;
    final Money totalAmount;
    TradeState status;
    Instant paidAt;
    final Map<String, RefundLookup.Refunded> refunds = new LinkedHashMap<>();

    Trade(String outTradeNo, String tradeNo, Money totalAmount, TradeState status) {
      this.outTradeNo = outTradeNo;
      this.tradeNo = tradeNo;
      this.totalAmount = totalAmount;
      this.status = status;
    }

    public Money refundedTotal() {
      return refunds.values().stream()
          .map(RefundLookup.Refunded::amount)
          .reduce(Money.ZERO, Money::plus);
    }

    public ChannelTrade view() {
      return new ChannelTrade(
          outTradeNo, tradeNo, status, totalAmount, "b***@example.com", "buyer-1", paidAt);
    }

    public String tradeNo() {
      return tradeNo;
    }
  }

  private final Clock clock;
  private final Map<String, Trade> trades = new HashMap<>();
  private final List<Call> calls = new ArrayList<>();
  private final Deque<TradeLookup> tradeAnswers = new ArrayDeque<>();
  private final Deque<RefundOutcome> refundAnswers = new ArrayDeque<>();
  private final Deque<RefundLookup> refundQueryAnswers = new ArrayDeque<>();
  private final Deque<CloseOutcome> closeAnswers = new ArrayDeque<>();
  private final Deque<CancelOutcome> cancelAnswers = new ArrayDeque<>();
  private final Deque<Runnable> duringRefunds = new ArrayDeque<>();

  /** Scripted notification checks: a TradeNotification that verifies, or a rejection's reason. */
  private final Deque<Object> notificationChecks = new ArrayDeque<>();

  private BillLookup billAnswer = new BillLookup.NotReady("the fake channel publishes no bills");
  private int tradeNumbers;

  public FakeChannel(Clock clock) {
    this.clock = clock;
  }

  // ---- the model: what the channel holds ----

  /** The buyer opened the cashier: the channel has the trade, waiting for payment. */
  public Trade hasWaiting(String outTradeNo, Money totalAmount) {
    Trade trade = new Trade(outTradeNo, newTradeNo(), totalAmount, TradeState.AWAITING_PAYMENT);
    trades.put(outTradeNo, trade);
    return trade;
  }

  /** The buyer paid: the channel has the trade, paid now. */
  public Trade hasPaid(String outTradeNo, Money totalAmount) {
    Trade trade = trades.get(outTradeNo);
    if (trade == null) {
      trade = hasWaiting(outTradeNo, totalAmount);
    }
    trade.status = TradeState.PAID;
    trade.paidAt = clock.instant();
    return trade;
  }

  /** A refund made at the channel (in the merchant console, say), not through PayGate. */
  public void hasRefunded(String outTradeNo, String outRequestNo, Money amount) {
    Trade trade = trade(outTradeNo);
    trade.refunds.put(outRequestNo, new RefundLookup.Refunded(amount, clock.instant()));
    if (trade.refundedTotal().compareTo(trade.totalAmount) >= 0) {
      trade.status = TradeState.CLOSED;
    }
  }

  /** The channel holds exactly this trade (its numbers, state and time as given). */
  public Trade has(ChannelTrade view) {
    Trade trade = new Trade(view.outTradeNo(), view.tradeNo(), view.totalAmount(), view.status());
    trade.paidAt = view.paidAt();
    trades.put(view.outTradeNo(), trade);
    return trade;
  }

  /** What every bill download answers from now on. */
  public FakeChannel publishesBill(BillLookup answer) {
    billAnswer = answer;
    return this;
  }

  public Trade trade(String outTradeNo) {
    Trade trade = trades.get(outTradeNo);
    if (trade == null) {
      throw new AssertionError("the channel has no trade " + outTradeNo);
    }
    return trade;
  }

  private String newTradeNo() {
    return "2026120222001400" + String.format("%06d", ++tradeNumbers);
  }

  // ---- scripting: the next answers, before the model ----

  public FakeChannel nextQueryTrade(TradeLookup answer) {
    tradeAnswers.add(answer);
    return this;
  }

  public FakeChannel nextRefund(RefundOutcome answer) {
    refundAnswers.add(answer);
    return this;
  }

  /**
   * Runs this while the next refund call is in flight, before it is answered: another request (a
   * second refund, say) that goes through meanwhile, as on another thread.
   */
  public FakeChannel duringNextRefund(Runnable meanwhile) {
    duringRefunds.add(meanwhile);
    return this;
  }

  public FakeChannel nextQueryRefund(RefundLookup answer) {
    refundQueryAnswers.add(answer);
    return this;
  }

  public FakeChannel nextClose(CloseOutcome answer) {
    closeAnswers.add(answer);
    return this;
  }

  /** The next cancel answers this, and the channel does nothing. */
  public FakeChannel nextCancel(CancelOutcome answer) {
    cancelAnswers.add(answer);
    return this;
  }

  /** The next cancel is made at the channel, but its answer is lost (a read timeout). */
  public FakeChannel nextCancelMadeButUnanswered() {
    cancelAnswers.add(CANCEL_ANSWER_LOST);
    return this;
  }

  private static final CancelOutcome CANCEL_ANSWER_LOST =
      new CancelOutcome.Unknown("read timed out (the cancel was made)");

  /** The next notification verifies and reads as this. */
  public FakeChannel nextNotificationVerified(TradeNotification notification) {
    notificationChecks.add(notification);
    return this;
  }

  /** The next notification fails its signature check. */
  public FakeChannel nextNotificationRejected(String reason) {
    notificationChecks.add(reason);
    return this;
  }

  // ---- what the channel was asked ----

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  public List<Call> calls(String operation) {
    return calls.stream().filter(c -> c.operation().equals(operation)).toList();
  }

  public List<RefundOrder> refundOrders() {
    return calls("refund").stream().map(c -> (RefundOrder) c.argument()).toList();
  }

  public List<String> operations() {
    return calls.stream().map(Call::operation).toList();
  }

  public void forgetCalls() {
    calls.clear();
  }

  // ---- the port ----

  /** A cashier page for the page products, a QR code that names the order for face to face. */
  @Override
  public CheckoutOutcome checkout(PayOrder order) {
    calls.add(new Call("checkout", order));
    return new CheckoutOutcome.Opened(
        order.product() == Product.QR
            ? new Checkout.QrCode("https://qr.channel.example/" + order.outTradeNo())
            : new Checkout.Form("<form action=\"https://channel.example/pay\"></form>"));
  }

  /** Barcode payments are not played by the fake; the sandbox plays them. */
  @Override
  public BarcodeOutcome payBarcode(PayOrder order, String authCode) {
    calls.add(new Call("payBarcode", order));
    return new BarcodeOutcome.Unknown("the fake does not take barcodes");
  }

  /**
   * Cancels as the channel would: a waiting trade closes ({@code close}); a paid one is refunded in
   * full under the order's own number and closes ({@code refund}); a repeat answers the same. With
   * no trade (nobody scanned) it answers {@code close}.
   */
  @Override
  public CancelOutcome cancel(TradeRef ref) {
    calls.add(new Call("cancel", ref));
    CancelOutcome scripted = cancelAnswers.poll();
    if (scripted != null && scripted != CANCEL_ANSWER_LOST) {
      return scripted;
    }
    Trade trade = trades.get(ref.outTradeNo());
    CancelOutcome answer;
    if (trade == null) {
      answer = new CancelOutcome.Cancelled("close");
    } else if (trade.status.isPaid()) {
      Money rest = trade.totalAmount.leftAfter(trade.refundedTotal());
      if (rest.isGreaterThan(Money.ZERO)) {
        hasRefunded(ref.outTradeNo(), ref.outTradeNo(), rest);
      }
      trade.status = TradeState.CLOSED;
      answer = new CancelOutcome.Cancelled("refund");
    } else {
      boolean refunded = trade.refundedTotal().isGreaterThan(Money.ZERO);
      trade.status = TradeState.CLOSED;
      answer = new CancelOutcome.Cancelled(refunded ? "refund" : "close");
    }
    return scripted == CANCEL_ANSWER_LOST ? scripted : answer;
  }

  @Override
  public TradeLookup queryTrade(TradeRef ref) {
    calls.add(new Call("queryTrade", ref));
    if (!tradeAnswers.isEmpty()) {
      return tradeAnswers.poll();
    }
    Trade trade = trades.get(ref.outTradeNo());
    return trade == null ? new TradeLookup.NotFound() : new TradeLookup.Found(trade.view());
  }

  @Override
  public RefundOutcome refund(RefundOrder order) {
    calls.add(new Call("refund", order));
    if (!duringRefunds.isEmpty()) {
      duringRefunds.poll().run();
    }
    if (!refundAnswers.isEmpty()) {
      RefundOutcome answer = refundAnswers.poll();
      // A scripted acceptance that moved money is the channel's truth too.
      if (answer instanceof RefundOutcome.Accepted accepted && accepted.fundChanged()) {
        Trade trade = trades.get(order.outTradeNo());
        if (trade != null) {
          trade.refunds.putIfAbsent(
              order.outRequestNo(),
              new RefundLookup.Refunded(order.refundAmount(), accepted.refundedAt()));
        }
      }
      return answer;
    }
    Trade trade = trades.get(order.outTradeNo());
    if (trade == null) {
      return new RefundOutcome.Refused(new ChannelError("TRADE_NOT_FOUND", "no such trade"));
    }
    RefundLookup.Refunded earlier = trade.refunds.get(order.outRequestNo());
    if (earlier != null) {
      // The same number twice: the channel refunds it once and says no money moved this time.
      return new RefundOutcome.Accepted(trade.refundedTotal(), false, earlier.refundedAt());
    }
    if (!trade.status.isPaid()) {
      return new RefundOutcome.Refused(
          new ChannelError("WRONG_TRADE_STATE", "the trade is not in a state for this"));
    }
    if (trade.refundedTotal().plus(order.refundAmount()).isGreaterThan(trade.totalAmount)) {
      return new RefundOutcome.Refused(
          new ChannelError("REFUND_TOO_LARGE", "more than is left to refund"));
    }
    hasRefunded(order.outTradeNo(), order.outRequestNo(), order.refundAmount());
    return new RefundOutcome.Accepted(trade.refundedTotal(), true, clock.instant());
  }

  @Override
  public RefundLookup queryRefund(TradeRef ref, String outRequestNo) {
    calls.add(new Call("queryRefund", List.of(ref, outRequestNo)));
    if (!refundQueryAnswers.isEmpty()) {
      return refundQueryAnswers.poll();
    }
    Trade trade = trades.get(ref.outTradeNo());
    RefundLookup.Refunded refunded = trade == null ? null : trade.refunds.get(outRequestNo);
    return refunded == null ? new RefundLookup.NotRefunded() : refunded;
  }

  @Override
  public CloseOutcome close(TradeRef ref) {
    calls.add(new Call("close", ref));
    if (!closeAnswers.isEmpty()) {
      return closeAnswers.poll();
    }
    Trade trade = trades.get(ref.outTradeNo());
    if (trade == null) {
      return new CloseOutcome.NotFound();
    }
    if (trade.status != TradeState.AWAITING_PAYMENT) {
      return new CloseOutcome.Refused(
          new ChannelError("WRONG_TRADE_STATE", "the trade is not in a state for this"));
    }
    trade.status = TradeState.CLOSED;
    return new CloseOutcome.Closed();
  }

  @Override
  public BillLookup bill(String app, LocalDate date) {
    calls.add(new Call("bill", date));
    return billAnswer;
  }

  /** The fake's replies: words of its own, a status for each. */
  public static final NotifyReply.Choice REPLIES =
      new NotifyReply.Choice(
          new NotifyReply(200, "text/plain", "success"),
          new NotifyReply(400, "text/plain", "failure"));

  @Override
  public String id() {
    return "fake";
  }

  /** Notifications arrive as a UTF-8 form (see {@link CoreFixture#form}). */
  @Override
  public NotificationCheck verify(InboundNotification received) {
    Map<String, String> parameters = CoreFixture.parseForm(received.body());
    calls.add(new Call("verifyNotification", parameters));
    if (notificationChecks.isEmpty()) {
      throw new AssertionError("no notification check was scripted");
    }
    Object scripted = notificationChecks.poll();
    String redacted = redacted(parameters);
    if (scripted instanceof String reason) {
      return new NotificationCheck.Rejected(
          reason, parameters.get("out_trade_no"), redacted, REPLIES);
    }
    // Like a real channel, the fake checks the notification names one of its merchant accounts.
    Map.Entry<String, Account> app =
        ACCOUNTS.entrySet().stream()
            .filter(a -> a.getValue().appId().equals(parameters.get("app_id")))
            .findFirst()
            .orElse(null);
    if (app == null) {
      return new NotificationCheck.Rejected(
          "app_id is not ours", parameters.get("out_trade_no"), redacted, REPLIES);
    }
    if (!app.getValue().sellerId().equals(parameters.get("seller_id"))) {
      return new NotificationCheck.Rejected(
          "seller_id is not ours", parameters.get("out_trade_no"), redacted, REPLIES);
    }
    return new NotificationCheck.Verified(
        app.getKey(), (TradeNotification) scripted, redacted, REPLIES);
  }

  /** The parameters without the signature, sorted. */
  private static String redacted(Map<String, String> parameters) {
    StringBuilder text = new StringBuilder();
    new TreeMap<>(parameters)
        .forEach(
            (name, value) -> {
              if (!name.equals("sign")) {
                text.append(text.isEmpty() ? "" : "&").append(name).append('=').append(value);
              }
            });
    return text.toString();
  }

  @Override
  public Optional<String> verifyReturn(String query) {
    calls.add(new Call("verifyReturn", query));
    return Optional.ofNullable(CoreFixture.parseForm(query.getBytes()).get("out_trade_no"));
  }

  /**
   * The fake's auth codes: {@code code:<user id>} signs that buyer in; anything else is refused.
   */
  @Override
  public SignInOutcome signIn(String app, String authCode) {
    calls.add(new Call("signIn", authCode));
    return authCode.startsWith("code:")
        ? new SignInOutcome.SignedIn(Buyer.byUserId(authCode.substring(5)))
        : new SignInOutcome.Refused(new ChannelError("CODE_INVALID", "unknown auth code"));
  }

  /** The fake's genuine app results: {@code signed:<out_trade_no>}. */
  @Override
  public Optional<String> verifyAppResult(String app, String result) {
    calls.add(new Call("verifyAppResult", result));
    return result.startsWith("signed:") ? Optional.of(result.substring(7)) : Optional.empty();
  }
}
