package io.paygate.server.channels;

import io.paygate.core.channel.BarcodeOutcome;
import io.paygate.core.channel.BillLookup;
import io.paygate.core.channel.CancelOutcome;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for WeChat Pay's channel (id {@code wechatpay}), in the shapes its port gives: a
 * code_url, a JSAPI or app prepay with signed parameters, an h5 redirect; JSON notifications with a
 * signed header answered with a status and JSON. It holds the orders it was given, records them,
 * and lets a test say one is paid.
 */
final class TestWechatPay implements PaymentChannel {

  static final String SIGNATURE = "Test-Wechatpay-Signature";
  static final String GENUINE = "genuine";

  private static final NotifyReply.Choice REPLIES =
      new NotifyReply.Choice(
          new NotifyReply(200, "application/json", "{\"code\":\"SUCCESS\",\"message\":\"成功\"}"),
          new NotifyReply(500, "application/json", "{\"code\":\"FAIL\",\"message\":\"失败\"}"));

  private static final Pattern FIELD = Pattern.compile("\"(\\w+)\"\\s*:\\s*\"([^\"]*)\"");

  /** The orders as the checkout received them. */
  final List<PayOrder> orders = new CopyOnWriteArrayList<>();

  private final Map<String, PayOrder> open = new ConcurrentHashMap<>();
  private final Map<String, Instant> paid = new ConcurrentHashMap<>();

  /** The buyer pays the order in WeChat. */
  void buyerPays(String outTradeNo) {
    paid.put(outTradeNo, Instant.now());
  }

  /** What WeChat Pay would post for a paid order (the real one encrypts and signs it). */
  static InboundNotification paidNotification(String outTradeNo, String signature) {
    String body = "{\"id\":\"EV-" + outTradeNo + "\",\"out_trade_no\":\"" + outTradeNo + "\"}";
    return new InboundNotification(
        Map.of(SIGNATURE, signature), body.getBytes(StandardCharsets.UTF_8), "application/json");
  }

  @Override
  public String id() {
    return "wechatpay";
  }

  @Override
  public MerchantApps apps() {
    return new MerchantApps(
        Map.of(MerchantApps.DEFAULT, Set.of(Product.QR, Product.JSAPI, Product.WAP, Product.APP)));
  }

  @Override
  public ChannelRules rules() {
    return new ChannelRules(
        127,
        128,
        80,
        new ChannelRules.Format(Pattern.compile("[0-9A-Za-z_*|-]{6,32}"), "6 to 32 characters"),
        new ChannelRules.Format(Pattern.compile("1[0-5]\\d{16}"), "18 digits"),
        Duration.ofSeconds(5));
  }

  @Override
  public CheckoutOutcome checkout(PayOrder order) {
    orders.add(order);
    open.put(order.outTradeNo(), order);
    String prepayId = "wx" + order.outTradeNo();
    Map<String, String> params =
        Map.of(
            "appId", "wxtestappid",
            "timeStamp", "1700000000",
            "nonceStr", "nonce",
            "package", "prepay_id=" + prepayId,
            "signType", "RSA",
            "paySign", "c2lnbmVk");
    Checkout checkout =
        switch (order.product()) {
          case QR -> new Checkout.QrCode("weixin://wxpay/bizpayurl?pr=" + order.outTradeNo());
          case JSAPI -> new Checkout.JsapiPrepay(prepayId, params);
          case WAP -> new Checkout.Redirect("https://wx.tenpay.example/h5?prepay_id=" + prepayId);
          case APP -> new Checkout.AppOrder(null, params, prepayId);
          default -> null;
        };
    return checkout == null
        ? new CheckoutOutcome.Refused(
            new io.paygate.core.channel.ChannelError("NO_AUTH", "not this product"))
        : new CheckoutOutcome.Opened(checkout);
  }

  @Override
  public BarcodeOutcome payBarcode(PayOrder order, String authCode) {
    return new BarcodeOutcome.Unknown("not played");
  }

  @Override
  public TradeLookup queryTrade(TradeRef trade) {
    return view(trade.outTradeNo())
        .<TradeLookup>map(TradeLookup.Found::new)
        .orElseGet(TradeLookup.NotFound::new);
  }

  private Optional<ChannelTrade> view(String outTradeNo) {
    PayOrder order = open.get(outTradeNo);
    if (order == null) {
      return Optional.empty();
    }
    Instant at = paid.get(outTradeNo);
    return Optional.of(
        new ChannelTrade(
            outTradeNo,
            "4200" + outTradeNo,
            at == null ? TradeState.AWAITING_PAYMENT : TradeState.PAID,
            order.totalAmount(),
            null,
            "o-test-openid",
            at));
  }

  @Override
  public RefundOutcome refund(RefundOrder order) {
    return new RefundOutcome.Accepted(null, true, Instant.now());
  }

  @Override
  public RefundLookup queryRefund(TradeRef trade, String outRequestNo) {
    return new RefundLookup.Unknown("not played");
  }

  @Override
  public CloseOutcome close(TradeRef trade) {
    return new CloseOutcome.Closed();
  }

  @Override
  public CancelOutcome cancel(TradeRef trade) {
    return new CancelOutcome.Unknown("not played");
  }

  @Override
  public BillLookup bill(String app, LocalDate date) {
    return new BillLookup.Unknown("not played");
  }

  @Override
  public SignInOutcome signIn(String app, String authCode) {
    return new SignInOutcome.Unknown("not played");
  }

  @Override
  public Optional<String> verifyAppResult(String app, String result) {
    return Optional.empty();
  }

  @Override
  public NotificationCheck verify(InboundNotification notification) {
    String body = new String(notification.body(), StandardCharsets.UTF_8);
    Map<String, String> fields = new java.util.HashMap<>();
    Matcher m = FIELD.matcher(body);
    while (m.find()) {
      fields.put(m.group(1), m.group(2));
    }
    String outTradeNo = fields.get("out_trade_no");
    if (!GENUINE.equals(notification.header(SIGNATURE))) {
      return new NotificationCheck.Rejected("bad signature", outTradeNo, body, REPLIES);
    }
    Optional<ChannelTrade> trade = view(outTradeNo);
    if (trade.isEmpty()) {
      return new NotificationCheck.Rejected("no such order", outTradeNo, body, REPLIES);
    }
    return new NotificationCheck.Verified(
        MerchantApps.DEFAULT,
        new TradeNotification(fields.get("id"), trade.get(), null, null, null),
        body,
        REPLIES);
  }

  @Override
  public Optional<String> verifyReturn(String query) {
    return Optional.empty();
  }
}
