package io.paygate.core.payments;

import io.paygate.core.channel.MerchantApps;
import io.paygate.core.channel.Product;
import io.paygate.core.errors.PayGateException;
import io.paygate.core.money.Money;
import io.paygate.core.numbers.Identifiers;

/** The limits Alipay sets on a payment's fields, checked before anything is stored. */
public final class PaymentRules {

  public static final Money MIN_AMOUNT = Money.parse("0.01");
  public static final Money MAX_AMOUNT = Money.parse("100000000.00");
  public static final int MAX_SUBJECT = 256;
  public static final int MAX_BODY = 128;
  public static final int MAX_REASON = 256;

  private PaymentRules() {}

  public static void checkAmount(String field, Money amount) {
    if (amount == null) {
      throw PayGateException.invalid(field, field + " is required");
    }
    if (amount.isLessThan(MIN_AMOUNT) || amount.isGreaterThan(MAX_AMOUNT)) {
      throw PayGateException.invalid(field, field + " must be between 0.01 and 100000000.00");
    }
  }

  public static void checkNewPayment(NewPayment request) {
    checkAmount("total_amount", request.totalAmount());
    String subject = request.subject();
    if (subject == null || subject.isBlank()) {
      throw PayGateException.invalid("subject", "subject is required");
    }
    if (subject.length() > MAX_SUBJECT) {
      throw PayGateException.invalid("subject", "subject is at most 256 characters");
    }
    if (request.body() != null && request.body().length() > MAX_BODY) {
      throw PayGateException.invalid("body", "body is at most 128 characters");
    }
    if (request.product() == null) {
      throw PayGateException.invalid("product", "product is page, wap, qr or barcode");
    }
    if (request.outTradeNo() != null) {
      checkMerchantNumber("out_trade_no", request.outTradeNo());
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
    java.util.Set<Product> sells = apps.products().get(app);
    if (sells == null) {
      throw PayGateException.invalid(
          "app", "no app named " + app + "; the apps are " + apps.names());
    }
    if (product != null && !sells.contains(product)) {
      throw PayGateException.invalid(
          "product",
          "app " + app + " does not sell " + product.name().toLowerCase(java.util.Locale.ROOT));
    }
    return app;
  }

  /** out_request_no: the characters of out_trade_no (Alipay documents no others for it). */
  public static void checkRefundNumber(String field, String value) {
    checkMerchantNumber(field, value);
  }

  public static void checkMerchantNumber(String field, String value) {
    if (!Identifiers.MERCHANT_NUMBER.matcher(value).matches()) {
      throw PayGateException.invalid(
          field, field + " is 1 to 64 characters of letters, digits and underscore");
    }
  }
}
