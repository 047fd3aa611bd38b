package io.paygate.server.payments;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.paygate.core.channel.Checkout;
import io.paygate.core.payments.Payment;
import io.paygate.core.payments.PaymentStatus;
import java.time.Instant;
import java.util.Locale;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A payment as the API shows it: amounts as decimal strings in yuan.
 *
 * @param payUrl PayGate's page that takes the buyer to pay, for the products a browser pays (not
 *     app or jsapi: those are paid inside an app with {@code checkout})
 * @param way for a {@code product: any} payment, the product its cashier opened at the channel
 *     (which carries it once paid); null before, and for every other product
 * @param finishedAt when Alipay finished the trade (TRADE_FINISHED): no refunds from then on
 * @param checkout what the shop's front end hands the buyer's app, on a create's answer
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PaymentView(
    String outTradeNo,
    String app,
    String tradeNo,
    String status,
    String product,
    String way,
    String totalAmount,
    String refundedAmount,
    String subject,
    String body,
    String buyerLogonId,
    String payUrl,
    Instant createdAt,
    Instant expiresAt,
    Instant paidAt,
    Instant closedAt,
    Instant finishedAt,
    String attention,
    String qrCode,
    CheckoutView checkout) {

  /**
   * The checkout object of a create's answer, by its {@code kind}: {@code app} with {@code
   * order_string} (for Alipay's mobile SDK), {@code jsapi} with {@code trade_no} (for {@code
   * my.tradePay}), {@code qr} with {@code qr_code}.
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CheckoutView(String kind, String orderString, String tradeNo, String qrCode) {

    /** The checkout's shape as the API shows it; null for a shape this API does not hand out. */
    static CheckoutView of(Checkout checkout) {
      if (checkout instanceof Checkout.AppOrder app) {
        return new CheckoutView("app", app.orderString(), null, null);
      }
      if (checkout instanceof Checkout.JsapiPrepay jsapi) {
        return new CheckoutView("jsapi", null, jsapi.prepayId(), null);
      }
      if (checkout instanceof Checkout.QrCode qr) {
        return new CheckoutView("qr", null, null, qr.content());
      }
      return null;
    }
  }

  /** With the QR code a buyer scans, for a QR payment's create answer. */
  public PaymentView withQrCode(String code) {
    return with(code, new CheckoutView("qr", null, null, code));
  }

  /** With what the buyer's app pays with, for an app or jsapi payment's create answer. */
  public PaymentView withCheckout(Checkout given) {
    return with(qrCode, CheckoutView.of(given));
  }

  private PaymentView with(String code, CheckoutView given) {
    return new PaymentView(
        outTradeNo,
        app,
        tradeNo,
        status,
        product,
        way,
        totalAmount,
        refundedAmount,
        subject,
        body,
        buyerLogonId,
        payUrl,
        createdAt,
        expiresAt,
        paidAt,
        closedAt,
        finishedAt,
        attention,
        code,
        given);
  }

  public static PaymentView of(Payment p, String publicUrl) {
    boolean inApp = p.product().appOrder() || p.product().needsBuyer();
    // An any payment's link is its cashier, which opens the way the buyer arrives by.
    String page = p.product().opensAnotherWay() ? "/checkout/" : "/pay/";
    String payUrl =
        p.status() == PaymentStatus.PENDING && !inApp ? publicUrl + page + p.outTradeNo() : null;
    return new PaymentView(
        p.outTradeNo(),
        p.app(),
        p.tradeNo(),
        p.status().name(),
        p.product().name().toLowerCase(Locale.ROOT),
        p.way() == null ? null : p.way().name().toLowerCase(Locale.ROOT),
        p.totalAmount().toString(),
        p.refundedAmount().toString(),
        p.subject(),
        p.body(),
        p.buyerLogonId(),
        payUrl,
        p.createdAt(),
        p.expiresAt(),
        p.paidAt(),
        p.closedAt(),
        p.finishedAt(),
        p.attention() == null ? null : p.attention().name(),
        null,
        null);
  }
}
