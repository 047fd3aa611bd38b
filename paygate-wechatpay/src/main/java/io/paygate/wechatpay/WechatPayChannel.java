package io.paygate.wechatpay;

import com.wechat.pay.java.service.payments.model.Transaction;
import io.paygate.core.channel.BarcodeOutcome;
import io.paygate.core.channel.BillLookup;
import io.paygate.core.channel.CancelOutcome;
import io.paygate.core.channel.ChannelError;
import io.paygate.core.channel.ChannelRules;
import io.paygate.core.channel.Checkout;
import io.paygate.core.channel.CheckoutOutcome;
import io.paygate.core.channel.CloseOutcome;
import io.paygate.core.channel.InboundNotification;
import io.paygate.core.channel.MerchantApps;
import io.paygate.core.channel.NotificationCheck;
import io.paygate.core.channel.PayOrder;
import io.paygate.core.channel.PaymentChannel;
import io.paygate.core.channel.Product;
import io.paygate.core.channel.RefundLookup;
import io.paygate.core.channel.RefundOrder;
import io.paygate.core.channel.RefundOutcome;
import io.paygate.core.channel.SignInOutcome;
import io.paygate.core.channel.TradeLookup;
import io.paygate.core.channel.TradeRef;
import io.paygate.core.exchanges.ExchangeLog;
import io.paygate.core.money.Money;
import io.paygate.wechatpay.bill.Bills;
import io.paygate.wechatpay.gateway.Exchanges;
import io.paygate.wechatpay.gateway.WechatPayGateway;
import io.paygate.wechatpay.gateway.WxAnswer;
import io.paygate.wechatpay.notify.NotificationReader;
import io.paygate.wechatpay.prepay.Prepays;
import io.paygate.wechatpay.refund.Refunds;
import io.paygate.wechatpay.settings.WechatPayApp;
import io.paygate.wechatpay.settings.WechatPaySettings;
import io.paygate.wechatpay.signin.WechatSignIn;
import io.paygate.wechatpay.trade.Trades;
import io.paygate.wechatpay.wire.Fen;
import io.paygate.wechatpay.wire.WxLimits;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * WeChat Pay (API v3, a normal merchant) behind the core's channel port, through the official
 * {@code wechatpay-java} SDK only. Products: {@link Product#QR} is Native, {@link Product#WAP} is
 * H5, {@link Product#JSAPI} is JSAPI / mini-program, {@link Product#APP} is App. WeChat's codes are
 * read here and never leave the module but as a {@link ChannelError}.
 */
public final class WechatPayChannel implements PaymentChannel {

  public static final String ID = "wechatpay";

  private final WechatPaySettings settings;
  private final Prepays prepays;
  private final Trades trades;
  private final Refunds refunds;
  private final Bills bills;
  private final NotificationReader notifications;
  private final Exchanges exchanges;
  private final WechatSignIn signIns;

  /**
   * @param exchanges where every call to WeChat Pay is kept for operators
   * @param clock the real time: notifications signed more than 5 minutes from it are refused
   */
  public WechatPayChannel(WechatPaySettings settings, ExchangeLog exchanges, Clock clock) {
    this(settings, exchanges, clock, clock);
  }

  /**
   * @param clock the books' time, which the exchanges kept for operators carry
   * @param wallClock the real time, whatever the books' clock says (tests move that one): WeChat
   *     Pay signs with the wall clock's timestamp, and a notification signed more than 5 minutes
   *     from it is refused
   */
  public WechatPayChannel(
      WechatPaySettings settings, ExchangeLog exchanges, Clock clock, Clock wallClock) {
    this(settings, new WechatPayGateway(settings), exchanges, clock, wallClock);
  }

  public WechatPayChannel(
      WechatPaySettings settings, WechatPayGateway gateway, ExchangeLog exchanges, Clock clock) {
    this(settings, gateway, exchanges, clock, clock);
  }

  private WechatPayChannel(
      WechatPaySettings settings,
      WechatPayGateway gateway,
      ExchangeLog exchanges,
      Clock clock,
      Clock wallClock) {
    this.settings = settings;
    this.exchanges = new Exchanges(exchanges, clock);
    this.prepays = new Prepays(gateway, settings.mchid(), settings.notifyUrl());
    this.trades = new Trades(gateway, settings.mchid());
    this.refunds = new Refunds(gateway, settings.notifyUrl());
    this.bills = new Bills(gateway);
    this.signIns =
        new WechatSignIn(settings.baseUrl(), settings.connectTimeout(), settings.readTimeout());
    this.notifications =
        new NotificationReader(
            gateway.notificationConfig(),
            settings.mchid(),
            settings::appNamed,
            this::appOfTrade,
            wallClock);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public MerchantApps apps() {
    Map<String, Set<Product>> products = new LinkedHashMap<>();
    settings.apps().forEach((name, app) -> products.put(name, app.products()));
    return new MerchantApps(products);
  }

  @Override
  public ChannelRules rules() {
    return WxLimits.RULES;
  }

  @Override
  public CheckoutOutcome checkout(PayOrder order) {
    return exchanges.call(
        "wechatpay.prepay." + order.product().name().toLowerCase(java.util.Locale.ROOT),
        order.outTradeNo(),
        "app="
            + order.app()
            + " out_trade_no="
            + order.outTradeNo()
            + " total="
            + order.totalAmount(),
        () -> open(order));
  }

  private CheckoutOutcome open(PayOrder order) {
    WechatPayApp app = app(order.app());
    if (app == null) {
      return refused("APP_NOT_CONFIGURED", "no WeChat Pay app is named " + order.app());
    }
    if (!app.products().contains(order.product())) {
      return refused(
          "PRODUCT_NOT_SUPPORTED",
          "WeChat Pay app " + order.app() + " does not sell " + order.product());
    }
    String appid = app.appid();
    Supplier<Checkout> prepay =
        switch (order.product()) {
          case QR -> () -> prepays.nativePay(appid, order);
          case WAP -> {
            if (order.buyerIp() == null) {
              yield null;
            }
            yield () -> prepays.h5(appid, order);
          }
          case JSAPI -> {
            if (order.buyer() == null || order.buyer().openId() == null) {
              yield null;
            }
            yield () -> prepays.jsapi(appid, order);
          }
          case APP -> () -> prepays.app(appid, order);
          case PAGE, BARCODE, ANY ->
              null; // ANY reaches a channel only as the product that carries it
        };
    if (prepay == null) {
      return refused(
          "PARAM_ERROR",
          switch (order.product()) {
            case WAP -> "an H5 payment needs the buyer's IP address";
            case JSAPI -> "a JSAPI payment needs the buyer's openid";
            default -> "WeChat Pay does not sell " + order.product();
          });
    }
    WxAnswer<Checkout> answer = WxAnswer.of(prepay);
    if (answer instanceof WxAnswer.Ok<Checkout> ok) {
      return new CheckoutOutcome.Opened(ok.value());
    }
    if (answer instanceof WxAnswer.Refused<Checkout> refused) {
      return new CheckoutOutcome.Refused(new ChannelError(refused.code(), refused.message()));
    }
    return new CheckoutOutcome.Unknown(((WxAnswer.Unknown<Checkout>) answer).reason());
  }

  /** API v3 has no payment-code (付款码) payments for a normal merchant. */
  @Override
  public BarcodeOutcome payBarcode(PayOrder order, String authCode) {
    return new BarcodeOutcome.Refused(
        new ChannelError("PRODUCT_NOT_SUPPORTED", "WeChat Pay API v3 takes no payment codes"));
  }

  @Override
  public TradeLookup queryTrade(TradeRef trade) {
    return exchanges.call(
        "wechatpay.transactions.query",
        trade.outTradeNo(),
        trade.toString(),
        () -> trades.query(trade));
  }

  /** WeChat Pay wants the trade's total with each refund: the order's, or asked for. */
  @Override
  public RefundOutcome refund(RefundOrder order) {
    return exchanges.call(
        "wechatpay.refund",
        order.outTradeNo(),
        "out_refund_no=" + order.outRequestNo() + " refund=" + order.refundAmount(),
        () -> refundOf(order));
  }

  private RefundOutcome refundOf(RefundOrder order) {
    Money total = order.tradeAmount();
    if (total == null) {
      TradeLookup lookup =
          trades.query(new TradeRef(order.app(), order.outTradeNo(), order.tradeNo()));
      if (lookup instanceof TradeLookup.Found found && found.trade().totalAmount() != null) {
        total = found.trade().totalAmount();
      } else if (lookup instanceof TradeLookup.Unknown unknown) {
        return new RefundOutcome.Unknown(unknown.reason());
      } else if (lookup instanceof TradeLookup.Refused refused) {
        return new RefundOutcome.Refused(refused.error());
      } else {
        return new RefundOutcome.Refused(new ChannelError("ORDER_NOT_EXIST", "no such order"));
      }
    }
    return refunds.refund(order, total);
  }

  @Override
  public RefundLookup queryRefund(TradeRef trade, String outRequestNo) {
    return exchanges.call(
        "wechatpay.refund.query",
        trade.outTradeNo(),
        "out_refund_no=" + outRequestNo,
        () -> refunds.query(trade.outTradeNo(), outRequestNo));
  }

  @Override
  public CloseOutcome close(TradeRef trade) {
    return exchanges.call(
        "wechatpay.transactions.close",
        trade.outTradeNo(),
        trade.toString(),
        () -> trades.close(trade));
  }

  /**
   * API v3 has no reverse for a normal merchant: an unpaid order is closed, a paid one refunded in
   * full under a refund number made from the order's, so a repeat is the same refund.
   */
  @Override
  public CancelOutcome cancel(TradeRef trade) {
    return exchanges.call(
        "wechatpay.cancel", trade.outTradeNo(), trade.toString(), () -> cancelOf(trade));
  }

  private CancelOutcome cancelOf(TradeRef trade) {
    TradeLookup lookup = trades.query(trade);
    if (lookup instanceof TradeLookup.NotFound) {
      return new CancelOutcome.NotFound();
    }
    if (lookup instanceof TradeLookup.Refused refused) {
      return new CancelOutcome.Refused(refused.error());
    }
    if (!(lookup instanceof TradeLookup.Found found)) {
      return new CancelOutcome.Unknown(((TradeLookup.Unknown) lookup).reason());
    }
    if (!found.trade().status().isPaid()) {
      CloseOutcome closed = trades.close(trade);
      if (closed instanceof CloseOutcome.Closed) {
        return new CancelOutcome.Cancelled("close");
      }
      return closed instanceof CloseOutcome.Refused refused
          ? new CancelOutcome.Refused(refused.error())
          : new CancelOutcome.Unknown("the close did not answer");
    }
    Money total = found.trade().totalAmount();
    RefundOutcome refunded =
        refunds.refund(
            new RefundOrder(
                trade.app(),
                found.trade().outTradeNo(),
                found.trade().tradeNo(),
                CANCEL_REFUND_NO,
                total,
                "cancelled",
                total),
            total);
    if (refunded instanceof RefundOutcome.Accepted) {
      return new CancelOutcome.Cancelled("refund");
    }
    return refunded instanceof RefundOutcome.Refused refused
        ? new CancelOutcome.Refused(refused.error())
        : new CancelOutcome.Unknown(((RefundOutcome.Unknown) refunded).reason());
  }

  /** The cancel's refund number within its payment (on the wire, the payment's number and it). */
  static final String CANCEL_REFUND_NO = "CANCEL_REFUND";

  @Override
  public BillLookup bill(String app, LocalDate date) {
    return exchanges.call(
        "wechatpay.bill.trade", null, "bill_date=" + date, () -> bills.tradeBill(date));
  }

  /**
   * WeChat's web sign-in: the code its browser brought back from {@link #signInPage} exchanged,
   * with the app's AppSecret, for the buyer's openid at the app's appid. Refused, before any call,
   * for an app PayGate does not know or one without {@code app-secret}.
   */
  @Override
  public SignInOutcome signIn(String app, String authCode) {
    String name = app == null ? apps().defaultApp() : app;
    WechatPayApp chosen = app(app);
    return exchanges.call(
        "wechatpay.oauth.access_token",
        null,
        "app=" + name + " appid=" + (chosen == null ? null : chosen.appid()),
        () -> {
          if (chosen == null) {
            return new SignInOutcome.Refused(
                new ChannelError(
                    "APP_NOT_CONFIGURED",
                    app == null
                        ? "several WeChat Pay apps are configured and none is named default:"
                            + " name the app"
                        : "no WeChat Pay app is named " + app));
          }
          if (chosen.appSecret() == null) {
            return new SignInOutcome.Refused(
                new ChannelError(
                    "APP_SECRET_MISSING",
                    "WeChat's sign-in needs the appid's AppSecret: set paygate.wechatpay.apps."
                        + name
                        + ".app-secret"));
          }
          return signIns.exchange(chosen.appid(), chosen.appSecret(), authCode);
        });
  }

  /**
   * WeChat's authorize page ({@code snsapi_base}: the buyer's openid, asked of no one), which sends
   * the browser back to {@code redirectUri} with {@code code} and {@code state}. Empty for an app
   * that cannot finish it: unknown, selling no JSAPI, or without its AppSecret.
   */
  @Override
  public Optional<String> signInPage(String app, String redirectUri, String state) {
    WechatPayApp chosen = app(app);
    if (chosen == null
        || chosen.appSecret() == null
        || !chosen.products().contains(Product.JSAPI)) {
      return Optional.empty();
    }
    return Optional.of(signIns.page(chosen.appid(), redirectUri, state));
  }

  /** The result WeChat's SDK hands an app is unsigned: it proves nothing, so nothing is read. */
  @Override
  public Optional<String> verifyAppResult(String app, String result) {
    return Optional.empty();
  }

  @Override
  public NotificationCheck verify(InboundNotification notification) {
    try {
      return notifications.read(notification);
    } catch (RuntimeException e) {
      // The port promises an answer, never an exception, for whatever arrives from outside.
      return new NotificationCheck.Rejected(
          "unreadable notification: " + e.getClass().getSimpleName(),
          null,
          "",
          NotificationReader.REJECTED);
    }
  }

  /** An H5 payment's return (redirect_url) carries no signature. */
  @Override
  public Optional<String> verifyReturn(String query) {
    return Optional.empty();
  }

  /** The money on the wire for an order: whole fen. */
  static long fen(Money money) {
    return Fen.of(money);
  }

  private WechatPayApp app(String name) {
    if (name == null) {
      String only = apps().defaultApp();
      return only == null ? null : settings.apps().get(only);
    }
    return settings.apps().get(name);
  }

  // A refund notification names no appid: one app is that app; among several, the order says.
  private String appOfTrade(String outTradeNo) {
    if (settings.apps().size() == 1) {
      return settings.apps().keySet().iterator().next();
    }
    WxAnswer<Transaction> found = trades.find(TradeRef.byOutTradeNo(outTradeNo));
    return found instanceof WxAnswer.Ok<Transaction> ok && ok.value() != null
        ? settings.appNamed(ok.value().getAppid())
        : null;
  }

  private static CheckoutOutcome refused(String code, String message) {
    return new CheckoutOutcome.Refused(new ChannelError(code, message));
  }
}
