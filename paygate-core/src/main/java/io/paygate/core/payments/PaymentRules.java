package io.paygate.core.payments;

import io.paygate.core.channel.ChannelRules;
import io.paygate.core.channel.MerchantApps;
import io.paygate.core.channel.Product;
import io.paygate.core.errors.PayGateException;
import io.paygate.core.money.Money;
import java.util.Locale;
import java.util.Set;

/**
 * A payment's fields checked before anything is stored: the amounts PayGate takes, and the limits
 * the channel sets ({@link ChannelRules}: lengths, the numbers' alphabet).
 */
public final class PaymentRules {

  public static final Money MIN_AMOUNT = Money.parse("0.01");
  public static final Money MAX_AMOUNT = Money.parse("100000000.00");

  private PaymentRules() {}

  public static void checkAmount(String field, Money amount) {
    if (amount == null) {
      throw PayGateException.invalid(field, field + " is required");
    }
    if (amount.isLessThan(MIN_AMOUNT) || amount.isGreaterThan(MAX_AMOUNT)) {
      throw PayGateException.invalid(field, field + " must be between 0.01 and 100000000.00");
    }
  }

  public static void checkNewPayment(NewPayment request, ChannelRules rules) {
    checkAmount("total_amount", request.totalAmount());
    String subject = request.subject();
    if (subject == null || subject.isBlank()) {
      throw PayGateException.invalid("subject", "subject is required");
    }
    if (subject.length() > rules.maxSubject()) {
      throw PayGateException.invalid(
          "subject", "subject is at most " + rules.maxSubject() + " characters");
    }
    if (request.body() != null && request.body().length() > rules.maxBody()) {
      throw PayGateException.invalid("body", "body is at most " + rules.maxBody() + " characters");
    }
    if (request.product() == null) {
      throw PayGateException.invalid(
          "product", "product is page, wap, qr, barcode, app, jsapi or any");
    }
    if (request.product().needsBuyer() && request.buyer() == null) {
      throw PayGateException.invalid(
          "buyer_id",
          "a "
              + request.product().name().toLowerCase(Locale.ROOT)
              + " payment is for a signed-in buyer: buyer_id or buyer_open_id is required");
    }
    if (request.buyer() != null) {
      if (request.buyer().userId() != null && !rules.buyerId().matches(request.buyer().userId())) {
        throw PayGateException.invalid("buyer_id", "buyer_id is " + rules.buyerId().description());
      }
      if (request.buyer().openId() != null
          && !rules.buyerOpenId().matches(request.buyer().openId())) {
        throw PayGateException.invalid(
            "buyer_open_id", "buyer_open_id is " + rules.buyerOpenId().description());
      }
    }
    if (!request.product().needsBuyer() && request.buyer() != null) {
      throw PayGateException.invalid(
          request.buyer().userId() != null ? "buyer_id" : "buyer_open_id",
          "only a jsapi payment names its buyer");
    }
    if (request.outTradeNo() != null) {
      checkMerchantNumber("out_trade_no", request.outTradeNo(), rules);
    }
  }

  /**
   * The app a new payment of this product belongs to (a reconciliation's bill: product null).
   *
   * @throws PayGateException VALIDATION_FAILED for an unknown app, none named among several without
   *     a default, or a product the app does not sell
   */
  public static String chooseApp(MerchantApps apps, String requested, Product product) {
    String app = requested == null || requested.isBlank() ? apps.defaultApp() : requested;
    if (app == null) {
      throw PayGateException.invalid("app", "app is required: one of " + apps.names());
    }
    Set<Product> sells = apps.products().get(app);
    if (sells == null) {
      throw PayGateException.invalid(
          "app", "no app named " + app + "; the apps are " + apps.names());
    }
    if (product != null && !sells.contains(product)) {
      throw PayGateException.invalid(
          "product", "app " + app + " does not sell " + product.name().toLowerCase(Locale.ROOT));
    }
    return app;
  }

  /** A refund's reason and number (out_request_no takes the alphabet of out_trade_no). */
  public static void checkNewRefund(String reason, String outRequestNo, ChannelRules rules) {
    if (reason != null && reason.length() > rules.maxRefundReason()) {
      throw PayGateException.invalid(
          "refund_reason", "refund_reason is at most " + rules.maxRefundReason() + " characters");
    }
    if (outRequestNo != null) {
      checkMerchantNumber("out_request_no", outRequestNo, rules);
    }
  }

  public static void checkMerchantNumber(String field, String value, ChannelRules rules) {
    if (!rules.merchantNumber().matches(value)) {
      throw PayGateException.invalid(field, field + " is " + rules.merchantNumber().description());
    }
  }
}
