package io.paygate.alipay;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayConfig;
import com.alipay.api.DefaultAlipayClient;
import io.paygate.alipay.bill.DailyBills;
import io.paygate.alipay.gateway.FormAnswer;
import io.paygate.alipay.gateway.GatewayCalls;
import io.paygate.alipay.gateway.ParsedKeyClient;
import io.paygate.alipay.gateway.SdkInternals;
import io.paygate.alipay.inapp.AppPayRequests;
import io.paygate.alipay.inapp.AppResults;
import io.paygate.alipay.inapp.SignInMapper;
import io.paygate.alipay.inapp.TradeCreateMapper;
import io.paygate.alipay.notify.NotificationReader;
import io.paygate.alipay.notify.NotifyParameters;
import io.paygate.alipay.notify.RawFormParameters;
import io.paygate.alipay.notify.SignatureCheck;
import io.paygate.alipay.pay.PayFormRequests;
import io.paygate.alipay.qr.BarcodeMapper;
import io.paygate.alipay.qr.BarcodeRequests;
import io.paygate.alipay.qr.PrecreateMapper;
import io.paygate.alipay.qr.PrecreateRequests;
import io.paygate.alipay.refund.RefundMapper;
import io.paygate.alipay.refund.RefundQueryMapper;
import io.paygate.alipay.refund.RefundRequests;
import io.paygate.alipay.settings.AlipayGateway;
import io.paygate.alipay.settings.AlipaySettings;
import io.paygate.alipay.settings.RsaKeys;
import io.paygate.alipay.trade.CancelMapper;
import io.paygate.alipay.trade.CloseMapper;
import io.paygate.alipay.trade.TradeQueryMapper;
import io.paygate.alipay.trade.TradeRequests;
import io.paygate.alipay.wire.AlipayLimits;
import io.paygate.core.channel.BarcodeOutcome;
import io.paygate.core.channel.BillLookup;
import io.paygate.core.channel.CancelOutcome;
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
import io.paygate.core.exchanges.ExchangeRecorder;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Alipay channel: the official SDK behind the core's port. One SDK client per app, built once
 * and shared by all threads. (The SDK itself still parses the keys on each signature; measured in
 * paygate-bench at under a fifth of the RSA operation, so it is left to the SDK.)
 */
public final class AlipayChannel implements PaymentChannel {

  private final String name;
  private final Set<Product> products;
  private final AlipaySettings settings;
  private final GatewayCalls calls;
  private final SignatureCheck signatures;
  private final DailyBills bills;
  private final AppResults appResults;

  /**
   * @param settings the app; run {@link io.paygate.alipay.settings.AlipayKeyCheck} on them first
   * @param exchanges where every outbound call is recorded (redacted)
   * @param clock stamps the recorded exchanges
   */
  public AlipayChannel(AlipaySettings settings, ExchangeLog exchanges, Clock clock) {
    this(MerchantApps.DEFAULT, EnumSet.allOf(Product.class), settings, exchanges, clock);
  }

  /**
   * @param name what PayGate calls the app ({@code paygate.alipay.apps.<name>})
   * @param products what payments may be taken with it
   */
  public AlipayChannel(
      String name,
      Set<Product> products,
      AlipaySettings settings,
      ExchangeLog exchanges,
      Clock clock) {
    this.name = name;
    this.products = Set.copyOf(products);
    this.settings = settings;
    SdkInternals.silenceLogging();
    DefaultAlipayClient client = newClient(settings);
    ExchangeRecorder recorder = new ExchangeRecorder(exchanges, clock);
    this.calls = new GatewayCalls(client, settings.certificateMode(), recorder);
    this.signatures =
        settings.certificateMode()
            ? new SignatureCheck(() -> alipayKeys(settings, client))
            : new SignatureCheck(settings.alipayPublicKey());
    this.bills = new DailyBills(calls, settings, recorder);
    this.appResults =
        new AppResults(
            settings.appId(),
            settings.certificateMode()
                ? () -> alipayKeys(settings, client)
                : () -> List.of(settings.alipayPublicKey()));
  }

  public String name() {
    return name;
  }

  /** Alipay's id of the app, by which its notifications are routed. */
  public String appId() {
    return settings.appId();
  }

  /** Alipay's limits: {@link AlipayLimits#RULES}. */
  @Override
  public ChannelRules rules() {
    return AlipayLimits.RULES;
  }

  @Override
  public MerchantApps apps() {
    return new MerchantApps(Map.of(name, products));
  }

  /** Refuses an order or lookup of another app: never ask one app about another's trade. */
  private void mine(String app) {
    if (app != null && !app.equals(name)) {
      throw new IllegalArgumentException("app " + app + " asked of the channel of app " + name);
    }
  }

  /** The gateway this channel calls, for a reachability check (no credentials in it). */
  public URI gateway() {
    return URI.create(settings.gatewayUrl());
  }

  /**
   * In certificate mode, the keys that may sign a notification: the configured Alipay
   * certificate's, and any the SDK has fetched since (Alipay rotated its certificate, and an answer
   * named the new one).
   */
  private static List<String> alipayKeys(AlipaySettings settings, DefaultAlipayClient client) {
    List<String> keys = new ArrayList<>();
    keys.add(settings.alipayPublicKey());
    for (String key : SdkInternals.certificateKeys(client)) {
      if (!keys.contains(key)) {
        keys.add(key);
      }
    }
    return keys;
  }

  private static DefaultAlipayClient newClient(AlipaySettings settings) {
    // Every protocol choice is spelled out: some SDK constructors default to SHA1 signatures.
    AlipayConfig config = new AlipayConfig();
    config.setServerUrl(settings.gatewayUrl());
    config.setAppId(settings.appId());
    config.setPrivateKey(settings.privateKey());
    if (settings.certificateMode()) {
      // The SDK signs app_cert_sn and alipay_root_cert_sn into every request, and checks each
      // answer with the Alipay certificate it names (fetching a new one after a rotation).
      config.setAppCertContent(settings.certificates().appCert());
      config.setAlipayPublicCertContent(settings.certificates().alipayCert());
      config.setRootCertContent(settings.certificates().alipayRootCert());
    } else {
      config.setAlipayPublicKey(settings.alipayPublicKey());
    }
    config.setFormat(AlipaySettings.FORMAT);
    config.setCharset(AlipaySettings.CHARSET);
    config.setSignType(AlipaySettings.SIGN_TYPE);
    config.setConnectTimeout((int) settings.connectTimeout().toMillis());
    config.setReadTimeout((int) settings.readTimeout().toMillis());
    try {
      return new ParsedKeyClient(
          config,
          RsaKeys.privateKey(settings.privateKey(), AlipaySettings.PRIVATE_KEY),
          settings.certificateMode()
              ? null
              : RsaKeys.publicKey(settings.alipayPublicKey(), AlipaySettings.ALIPAY_PUBLIC_KEY));
    } catch (AlipayApiException e) {
      throw new IllegalStateException("cannot build the Alipay client: " + e.getErrMsg(), e);
    }
  }

  /**
   * The SDK's auto-submitting POST form: protocol parameters (signed) in the action URL, {@code
   * biz_content} as the hidden input. Nothing is sent to Alipay here; the form is recorded so an
   * operator can see what the buyer was sent with.
   *
   * @throws AlipayChannelException when the form cannot be signed (a key problem the start-up check
   *     should have caught)
   */
  public String payForm(PayOrder order) {
    mine(order.app());
    FormAnswer form =
        calls.form("payForm", order.outTradeNo(), PayFormRequests.forOrder(order, settings));
    if (form instanceof FormAnswer.NoForm none) {
      throw new AlipayChannelException("cannot build the Alipay payment form", none.cause());
    }
    return ((FormAnswer.Form) form).html();
  }

  /**
   * The checkout of the order's product: the cashier form (page, wap), signed here with no call to
   * Alipay; or the face-to-face QR code, precreated at Alipay.
   */
  @Override
  public CheckoutOutcome checkout(PayOrder order) {
    if (order.product().hasCashierPage()) {
      return new CheckoutOutcome.Opened(new Checkout.Form(payForm(order)));
    }
    if (order.product().showsQrCode()) {
      return precreate(order);
    }
    if (order.product().appOrder()) {
      return new CheckoutOutcome.Opened(new Checkout.AppOrder(appOrderString(order), Map.of()));
    }
    if (order.product().needsBuyer()) {
      return jsapi(order);
    }
    throw new IllegalArgumentException("a " + order.product() + " payment has no checkout");
  }

  /**
   * App pay: the order string the shop's app hands Alipay's mobile SDK, signed here by the SDK's
   * {@code sdkExecute} with no call to Alipay; recorded like a cashier form.
   *
   * @throws AlipayChannelException when it cannot be signed (a key problem the start-up check
   *     should have caught)
   */
  public String appOrderString(PayOrder order) {
    mine(order.app());
    FormAnswer signed =
        calls.orderString("appOrder", order.outTradeNo(), AppPayRequests.appPay(order, settings));
    if (signed instanceof FormAnswer.NoForm none) {
      throw new AlipayChannelException("cannot sign the Alipay app order", none.cause());
    }
    return ((FormAnswer.Form) signed).html();
  }

  /**
   * JSAPI: {@code alipay.trade.create} for the order's signed-in buyer; the trade_no is what the
   * page or mini-program passes to {@code my.tradePay}. Asked again, the same order gets the same
   * trade.
   */
  public CheckoutOutcome jsapi(PayOrder order) {
    mine(order.app());
    return calls.call(
        "jsapiCreate",
        order.outTradeNo(),
        AppPayRequests.jsapi(order, settings),
        new TradeCreateMapper());
  }

  @Override
  public SignInOutcome signIn(String app, String authCode) {
    mine(app);
    return calls.call("signIn", null, AppPayRequests.signIn(authCode), new SignInMapper());
  }

  /**
   * Alipay's authorize page (scope {@code auth_base}: who the buyer is, asked of no one), which
   * sends the browser back to {@code redirectUri} with {@code auth_code} and {@code state}.
   */
  @Override
  public Optional<String> signInPage(String app, String redirectUri, String state) {
    mine(app);
    return Optional.of(
        AlipayGateway.authorizePage(settings.gatewayUrl())
            + "?app_id="
            + encode(settings.appId())
            + "&scope=auth_base&redirect_uri="
            + encode(redirectUri)
            + "&state="
            + encode(state));
  }

  private static String encode(String value) {
    return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
  }

  @Override
  public Optional<String> verifyAppResult(String app, String result) {
    mine(app);
    return appResults.verify(result);
  }

  /** The face-to-face QR code: asked again, the same order gets the same code. */
  public CheckoutOutcome precreate(PayOrder order) {
    mine(order.app());
    return calls.call(
        "precreate",
        order.outTradeNo(),
        PrecreateRequests.forOrder(order, settings),
        new PrecreateMapper());
  }

  @Override
  public BarcodeOutcome payBarcode(PayOrder order, String authCode) {
    mine(order.app());
    return calls.call(
        "payBarcode",
        order.outTradeNo(),
        BarcodeRequests.forOrder(order, authCode, settings),
        new BarcodeMapper());
  }

  @Override
  public TradeLookup queryTrade(TradeRef trade) {
    mine(trade.app());
    return calls.call(
        "queryTrade", trade.outTradeNo(), TradeRequests.query(trade), new TradeQueryMapper());
  }

  @Override
  public RefundOutcome refund(RefundOrder order) {
    mine(order.app());
    return calls.call(
        "refund", order.outTradeNo(), RefundRequests.refund(order), new RefundMapper());
  }

  @Override
  public RefundLookup queryRefund(TradeRef trade, String outRequestNo) {
    mine(trade.app());
    return calls.call(
        "queryRefund",
        trade.outTradeNo(),
        RefundRequests.query(trade, outRequestNo),
        new RefundQueryMapper());
  }

  @Override
  public CloseOutcome close(TradeRef trade) {
    mine(trade.app());
    return calls.call("close", trade.outTradeNo(), TradeRequests.close(trade), new CloseMapper());
  }

  @Override
  public CancelOutcome cancel(TradeRef trade) {
    mine(trade.app());
    return calls.call(
        "cancel", trade.outTradeNo(), TradeRequests.cancel(trade), new CancelMapper());
  }

  /**
   * The day's {@code trade} bill (Beijing day): download URL, zip, detail CSV. Never a partial or
   * guessed bill: anything unreadable is {@link BillLookup.Unknown}.
   */
  @Override
  public BillLookup bill(String app, LocalDate date) {
    mine(app);
    return bills.fetch(date);
  }

  @Override
  public String id() {
    return AlipayApps.ID;
  }

  /**
   * The raw form body, decoded in the charset it names (Alipay may send GBK), then checked: see
   * {@link #verify(Map)}.
   */
  @Override
  public NotificationCheck verify(InboundNotification notification) {
    Map<String, String> parameters;
    try {
      parameters = RawFormParameters.parse(notification.body());
    } catch (RuntimeException e) {
      return NotifyParameters.rejected("unreadable form: " + e.getClass().getName(), null, "");
    }
    return verify(parameters);
  }

  /**
   * Genuine means: Alipay's signature, then our app_id, then our seller_id (when configured); only
   * then is it read. The redacted parameters go with either answer, for the exchange log.
   */
  NotificationCheck verify(Map<String, String> parameters) {
    String redacted;
    try {
      redacted = NotifyParameters.redacted(parameters);
    } catch (RuntimeException e) {
      redacted = "";
    }
    try {
      Optional<String> problem = signatures.problem(parameters);
      if (problem.isPresent()) {
        return NotifyParameters.rejected(problem.get(), parameters, redacted);
      }
      NotificationCheck check = NotificationReader.read(name, parameters, redacted);
      if (check instanceof NotificationCheck.Rejected) {
        return check;
      }
      if (!settings.appId().equals(text(parameters, "app_id"))) {
        return NotifyParameters.rejected("app_id is not ours", parameters, redacted);
      }
      if (settings.sellerId() != null
          && !settings.sellerId().equals(text(parameters, "seller_id"))) {
        return NotifyParameters.rejected("seller_id is not ours", parameters, redacted);
      }
      return check;
    } catch (RuntimeException e) {
      // The port promises an answer, never an exception, for whatever arrives from outside.
      return NotifyParameters.rejected(
          "unreadable notification: " + e.getClass().getName(), parameters, redacted);
    }
  }

  private static String text(Map<String, String> parameters, String name) {
    String value = parameters.get(name);
    return value == null || value.isBlank() ? null : value;
  }

  /** The return's query string, decoded in the charset it names, then its signature checked. */
  @Override
  public Optional<String> verifyReturn(String query) {
    return verifyReturn(RawFormParameters.parse(query));
  }

  Optional<String> verifyReturn(Map<String, String> parameters) {
    try {
      String outTradeNo = text(parameters, "out_trade_no");
      return outTradeNo != null && signatures.problem(parameters).isEmpty()
          ? Optional.of(outTradeNo)
          : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
