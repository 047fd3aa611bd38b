package io.paygate.alipay;

import io.paygate.alipay.notify.NotifyParameters;
import io.paygate.alipay.notify.RawFormParameters;
import io.paygate.alipay.wire.AlipayLimits;
import io.paygate.core.channel.BarcodeOutcome;
import io.paygate.core.channel.BillLookup;
import io.paygate.core.channel.CancelOutcome;
import io.paygate.core.channel.ChannelRules;
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
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The merchant's Alipay apps as one channel: every order and lookup goes to the app it names, and a
 * notification (or a browser's return) to the app its {@code app_id} names, verified with that
 * app's key only.
 */
public final class AlipayApps implements PaymentChannel {

  /** The channel's name in routes: {@code /channels/alipay/notify}. */
  public static final String ID = "alipay";

  private final Map<String, AlipayChannel> byName = new LinkedHashMap<>();
  private final Map<String, AlipayChannel> byAppId = new LinkedHashMap<>();
  private final MerchantApps apps;

  public AlipayApps(List<AlipayChannel> channels) {
    Map<String, Set<Product>> products = new LinkedHashMap<>();
    for (AlipayChannel channel : channels) {
      if (byName.putIfAbsent(channel.name(), channel) != null) {
        throw new IllegalArgumentException("two apps are named " + channel.name());
      }
      if (byAppId.putIfAbsent(channel.appId(), channel) != null) {
        throw new IllegalArgumentException(
            "apps "
                + byAppId.get(channel.appId()).name()
                + " and "
                + channel.name()
                + " have the same app_id "
                + channel.appId());
      }
      products.putAll(channel.apps().products());
    }
    this.apps = new MerchantApps(products);
  }

  public List<AlipayChannel> channels() {
    return List.copyOf(byName.values());
  }

  /** Alipay's limits: {@link AlipayLimits#RULES}. */
  @Override
  public ChannelRules rules() {
    return AlipayLimits.RULES;
  }

  @Override
  public MerchantApps apps() {
    return apps;
  }

  private AlipayChannel of(String app) {
    String name = app != null ? app : apps.defaultApp();
    AlipayChannel channel = name == null ? null : byName.get(name);
    if (channel == null) {
      throw new IllegalArgumentException("no app named " + app);
    }
    return channel;
  }

  @Override
  public CheckoutOutcome checkout(PayOrder order) {
    return of(order.app()).checkout(order);
  }

  @Override
  public BarcodeOutcome payBarcode(PayOrder order, String authCode) {
    return of(order.app()).payBarcode(order, authCode);
  }

  @Override
  public TradeLookup queryTrade(TradeRef trade) {
    return of(trade.app()).queryTrade(trade);
  }

  @Override
  public RefundOutcome refund(RefundOrder order) {
    return of(order.app()).refund(order);
  }

  @Override
  public RefundLookup queryRefund(TradeRef trade, String outRequestNo) {
    return of(trade.app()).queryRefund(trade, outRequestNo);
  }

  @Override
  public CloseOutcome close(TradeRef trade) {
    return of(trade.app()).close(trade);
  }

  @Override
  public CancelOutcome cancel(TradeRef trade) {
    return of(trade.app()).cancel(trade);
  }

  @Override
  public BillLookup bill(String app, LocalDate date) {
    return of(app).bill(app, date);
  }

  @Override
  public SignInOutcome signIn(String app, String authCode) {
    return of(app).signIn(app, authCode);
  }

  @Override
  public Optional<String> signInPage(String app, String redirectUri, String state) {
    return of(app).signInPage(app, redirectUri, state);
  }

  @Override
  public Optional<String> verifyAppResult(String app, String result) {
    return of(app).verifyAppResult(app, result);
  }

  @Override
  public String id() {
    return ID;
  }

  /** The form is read once, then verified by the app its app_id names, with that app's key. */
  @Override
  public NotificationCheck verify(InboundNotification notification) {
    Map<String, String> parameters;
    try {
      parameters = RawFormParameters.parse(notification.body());
    } catch (RuntimeException e) {
      return NotifyParameters.rejected("unreadable form: " + e.getClass().getName(), null, "");
    }
    Optional<AlipayChannel> app = byAppId(parameters);
    if (app.isEmpty()) {
      String redacted;
      try {
        redacted = NotifyParameters.redacted(parameters);
      } catch (RuntimeException e) {
        redacted = "";
      }
      return NotifyParameters.rejected("app_id is not ours", parameters, redacted);
    }
    return app.get().verify(parameters);
  }

  @Override
  public Optional<String> verifyReturn(String query) {
    Map<String, String> parameters = RawFormParameters.parse(query);
    return byAppId(parameters).flatMap(app -> app.verifyReturn(parameters));
  }

  private Optional<AlipayChannel> byAppId(Map<String, String> parameters) {
    String appId = parameters.get("app_id");
    return appId == null ? Optional.empty() : Optional.ofNullable(byAppId.get(appId.strip()));
  }
}
