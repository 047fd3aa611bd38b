package io.paygate.core.secondchannel;

import io.paygate.core.channel.BarcodeOutcome;
import io.paygate.core.channel.BillLookup;
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
import io.paygate.core.channel.TradeLookup;
import io.paygate.core.channel.TradeNotification;
import io.paygate.core.channel.TradeRef;
import io.paygate.core.channel.TradeState;
import io.paygate.core.money.Money;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A second provider, made up, of another shape than the first: it sends JSON signed in a header
 * (HMAC-SHA256 over the raw body), wants a JSON reply with an HTTP status, counts money in integer
 * fen, opens its cashier by redirect, and sets limits of its own. Written against the port alone:
 * the core must take it as it takes any channel.
 */
public final class LedgerChannel implements PaymentChannel {

  static final String SIGNATURE_HEADER = "Ledger-Signature";
  private static final byte[] SECRET = "ledger-notify-secret".getBytes(StandardCharsets.UTF_8);

  static final ChannelRules RULES =
      new ChannelRules(
          127,
          64,
          80,
          new ChannelRules.Format(
              Pattern.compile("[0-9A-Za-z_\\-|*@]{6,32}"), "6 to 32 letters, digits or _-|*@"),
          new ChannelRules.Format(
              Pattern.compile("1[0-5]\\d{16}"), "the buyer's code: 18 digits starting 10 to 15"),
          Duration.ofSeconds(30));

  static final NotifyReply.Choice REPLIES =
      new NotifyReply.Choice(
          new NotifyReply(200, "application/json", "{\"code\":\"SUCCESS\"}"),
          new NotifyReply(500, "application/json", "{\"code\":\"FAIL\",\"message\":\"again\"}"));

  /** An order as the provider holds it; money in fen. */
  static final class Order {
    final String outTradeNo;
    final String reference;
    final long fen;
    TradeState state = TradeState.AWAITING_PAYMENT;
    Instant paidAt;
    final Map<String, Long> refunds = new LinkedHashMap<>();
    final Map<String, Instant> refundedAt = new LinkedHashMap<>();

    Order(String outTradeNo, String reference, long fen) {
      this.outTradeNo = outTradeNo;
      this.reference = reference;
      this.fen = fen;
    }

    long refunded() {
      return refunds.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private final Clock clock;
  private final Map<String, Order> orders = new LinkedHashMap<>();
  private final Deque<String> lostRefundAnswers = new ArrayDeque<>();
  private int references;
  private int notifications;
  private boolean withoutTotals;

  public LedgerChannel(Clock clock) {
    this.clock = clock;
  }

  // ---- the provider's side: buyers, and what it posts ----

  /** The buyer pays the order at the provider. */
  public void buyerPays(String outTradeNo) {
    Order order = orders.get(outTradeNo);
    order.state = TradeState.PAID;
    order.paidAt = clock.instant();
  }

  /**
   * From now on the provider speaks of each refund alone, never of the order's refunded total: its
   * refund answers carry none, and its refund notifications name the refund's own amount.
   */
  public LedgerChannel withoutTotals() {
    withoutTotals = true;
    return this;
  }

  /** The next refund moves the money but its answer is lost. */
  public void losesTheNextRefundAnswer() {
    lostRefundAnswers.add("timeout");
  }

  public long refundedFen(String outTradeNo) {
    return orders.get(outTradeNo).refunded();
  }

  public String reference(String outTradeNo) {
    return orders.get(outTradeNo).reference;
  }

  public boolean holds(String outTradeNo) {
    return orders.containsKey(outTradeNo);
  }

  /** What the provider posts when an order is paid, signed. */
  public InboundNotification paidNotification(String outTradeNo) {
    return signed(json(orders.get(outTradeNo), null));
  }

  /** What the provider posts when a refund went through, signed. */
  public InboundNotification refundNotification(String outTradeNo, String refundNo) {
    return signed(json(orders.get(outTradeNo), refundNo));
  }

  /** The same body, signed with a key that is not the provider's. */
  public InboundNotification forged(String outTradeNo) {
    String body = json(orders.get(outTradeNo), null);
    return new InboundNotification(
        Map.of(SIGNATURE_HEADER, hmac("not-the-secret".getBytes(StandardCharsets.UTF_8), body)),
        body.getBytes(StandardCharsets.UTF_8),
        "application/json");
  }

  private String json(Order order, String refundNo) {
    StringBuilder json = new StringBuilder("{");
    json.append("\"id\":\"evt_").append(++notifications).append('"');
    json.append(",\"event\":\"").append(refundNo == null ? "order.paid" : "order.refunded");
    json.append("\",\"order\":\"").append(order.outTradeNo);
    json.append("\",\"reference\":\"").append(order.reference);
    json.append("\",\"state\":\"").append(order.state.name());
    json.append("\",\"amount\":").append(order.fen);
    if (order.paidAt != null) {
      json.append(",\"paid_at\":\"").append(order.paidAt).append('"');
    }
    if (refundNo != null) {
      if (withoutTotals) {
        json.append(",\"refund_amount\":").append(order.refunds.get(refundNo));
      } else {
        json.append(",\"refunded\":").append(order.refunded());
      }
      json.append(",\"refund\":\"").append(refundNo);
      json.append("\",\"refunded_at\":\"").append(order.refundedAt.get(refundNo)).append('"');
    }
    return json.append('}').toString();
  }

  private static InboundNotification signed(String body) {
    return new InboundNotification(
        Map.of(SIGNATURE_HEADER, hmac(SECRET, body), "Content-Type", "application/json"),
        body.getBytes(StandardCharsets.UTF_8),
        "application/json");
  }

  private static String hmac(byte[] key, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- the port ----

  @Override
  public String id() {
    return "ledger";
  }

  @Override
  public MerchantApps apps() {
    return new MerchantApps(Map.of(MerchantApps.DEFAULT, Set.of(Product.values())));
  }

  @Override
  public ChannelRules rules() {
    return RULES;
  }

  /** The provider hosts its cashier: the buyer is redirected there; a QR code points at it. */
  @Override
  public CheckoutOutcome checkout(PayOrder order) {
    Order held = orders.computeIfAbsent(order.outTradeNo(), no -> newOrder(no, order));
    if (order.product().hasCashierPage()) {
      return new CheckoutOutcome.Opened(
          new Checkout.Redirect("https://ledger.example/cashier/" + held.reference));
    }
    if (order.product().showsQrCode()) {
      return new CheckoutOutcome.Opened(new Checkout.QrCode("ledger://pay/" + held.reference));
    }
    return new CheckoutOutcome.Refused(new ChannelError("UNSUPPORTED", "no checkout for this"));
  }

  private Order newOrder(String outTradeNo, PayOrder order) {
    return new Order(outTradeNo, "LG" + (++references), fen(order.totalAmount()));
  }

  @Override
  public BarcodeOutcome payBarcode(PayOrder order, String authCode) {
    Order held = orders.computeIfAbsent(order.outTradeNo(), no -> newOrder(no, order));
    if (held.state.isPaid()) {
      return new BarcodeOutcome.Paid();
    }
    held.state = TradeState.PAID;
    held.paidAt = clock.instant();
    return new BarcodeOutcome.Paid();
  }

  @Override
  public TradeLookup queryTrade(TradeRef trade) {
    Order order = orders.get(trade.outTradeNo());
    return order == null ? new TradeLookup.NotFound() : new TradeLookup.Found(view(order));
  }

  private static ChannelTrade view(Order order) {
    return new ChannelTrade(
        order.outTradeNo,
        order.reference,
        order.state,
        money(order.fen),
        null,
        "ledger-buyer-1",
        order.paidAt);
  }

  @Override
  public RefundOutcome refund(RefundOrder request) {
    Order order = orders.get(request.outTradeNo());
    if (order == null || !order.state.isPaid()) {
      return new RefundOutcome.Refused(new ChannelError("NOT_PAID", "the order is not paid"));
    }
    long fen = fen(request.refundAmount());
    boolean moved = !order.refunds.containsKey(request.outRequestNo());
    if (moved) {
      if (order.refunded() + fen > order.fen) {
        return new RefundOutcome.Refused(new ChannelError("TOO_MUCH", "more than was paid"));
      }
      order.refunds.put(request.outRequestNo(), fen);
      order.refundedAt.put(request.outRequestNo(), clock.instant());
    }
    if (!lostRefundAnswers.isEmpty()) {
      return new RefundOutcome.Unknown(lostRefundAnswers.poll());
    }
    if (withoutTotals) {
      return new RefundOutcome.Accepted(
          null, moved, moved ? order.refundedAt.get(request.outRequestNo()) : null);
    }
    return new RefundOutcome.Accepted(
        money(order.refunded()), moved, order.refundedAt.get(request.outRequestNo()));
  }

  @Override
  public RefundLookup queryRefund(TradeRef trade, String outRequestNo) {
    Order order = orders.get(trade.outTradeNo());
    if (order == null || !order.refunds.containsKey(outRequestNo)) {
      return new RefundLookup.NotRefunded();
    }
    return new RefundLookup.Refunded(
        money(order.refunds.get(outRequestNo)), order.refundedAt.get(outRequestNo));
  }

  @Override
  public CloseOutcome close(TradeRef trade) {
    Order order = orders.get(trade.outTradeNo());
    if (order == null) {
      return new CloseOutcome.NotFound();
    }
    if (order.state.isPaid()) {
      return new CloseOutcome.Refused(new ChannelError("ORDER_PAID", "the order is paid"));
    }
    order.state = TradeState.CLOSED;
    return new CloseOutcome.Closed();
  }

  @Override
  public CancelOutcome cancel(TradeRef trade) {
    Order order = orders.get(trade.outTradeNo());
    if (order == null) {
      return new CancelOutcome.NotFound();
    }
    if (order.state == TradeState.AWAITING_PAYMENT) {
      order.state = TradeState.CLOSED;
      return new CancelOutcome.Cancelled("close");
    }
    return new CancelOutcome.Refused(new ChannelError("NOT_CANCELLABLE", "refund it instead"));
  }

  @Override
  public BillLookup bill(String app, LocalDate date) {
    return new BillLookup.NotReady("the ledger publishes no bills");
  }

  /** JSON only, its signature over the raw bytes checked before a word of it is read. */
  @Override
  public NotificationCheck verify(InboundNotification notification) {
    byte[] body = notification.body();
    String text = new String(body, StandardCharsets.UTF_8);
    String claimed = fields(text).get("order");
    if (notification.contentType() == null
        || !notification.contentType().startsWith("application/json")) {
      return new NotificationCheck.Rejected("not JSON", claimed, text, REPLIES);
    }
    String signature = notification.header(SIGNATURE_HEADER);
    if (signature == null
        || !MessageDigest.isEqual(
            signature.getBytes(StandardCharsets.UTF_8),
            hmac(SECRET, text).getBytes(StandardCharsets.UTF_8))) {
      return new NotificationCheck.Rejected("bad signature", claimed, text, REPLIES);
    }
    Map<String, String> f = fields(text);
    ChannelTrade trade =
        new ChannelTrade(
            f.get("order"),
            f.get("reference"),
            TradeState.valueOf(f.get("state")),
            money(Long.parseLong(f.get("amount"))),
            null,
            "ledger-buyer-1",
            f.containsKey("paid_at") ? Instant.parse(f.get("paid_at")) : null);
    TradeNotification read =
        new TradeNotification(
            f.get("id"),
            trade,
            f.containsKey("refunded") ? money(Long.parseLong(f.get("refunded"))) : null,
            f.get("refund"),
            f.containsKey("refunded_at") ? Instant.parse(f.get("refunded_at")) : null,
            f.containsKey("refund_amount") ? money(Long.parseLong(f.get("refund_amount"))) : null);
    return new NotificationCheck.Verified(MerchantApps.DEFAULT, read, text, REPLIES);
  }

  /** The ledger sends the buyer back with nothing signed: a return proves nothing here. */
  @Override
  public Optional<String> verifyReturn(String query) {
    return Optional.empty();
  }

  /** The ledger has no buyers who sign in. */
  @Override
  public io.paygate.core.channel.SignInOutcome signIn(String app, String authCode) {
    return new io.paygate.core.channel.SignInOutcome.Refused(
        new io.paygate.core.channel.ChannelError("UNSUPPORTED", "no sign-in at this channel"));
  }

  /** Nor apps of its own. */
  @Override
  public Optional<String> verifyAppResult(String app, String result) {
    return Optional.empty();
  }

  // ---- the wire's words ----

  private static final Pattern FIELD =
      Pattern.compile("\"(\\w+)\"\\s*:\\s*(?:\"([^\"]*)\"|(-?\\d+))");

  /** A flat JSON object's fields, as text. */
  private static Map<String, String> fields(String json) {
    Map<String, String> fields = new LinkedHashMap<>();
    Matcher m = FIELD.matcher(json);
    while (m.find()) {
      fields.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
    }
    return fields;
  }

  private static long fen(Money money) {
    return money.amount().movePointRight(2).longValueExact();
  }

  private static Money money(long fen) {
    return Money.parse(BigDecimal.valueOf(fen, 2).toPlainString());
  }
}
