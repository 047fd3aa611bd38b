package io.paygate.server.payments;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.paygate.core.channel.Checkout;
import io.paygate.core.channel.Product;
import io.paygate.core.payments.Payment;
import io.paygate.core.payments.PaymentStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
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
    @Schema(
            description = "The payment channel it is taken through",
            allowableValues = {"alipay", "wechatpay"})
        String channel,
    String tradeNo,
    String status,
    @Schema(allowableValues = {"page", "wap", "qr", "barcode", "app", "jsapi", "any"})
        String product,
    @Schema(
            description =
                "For product any: the product its cashier opened (page, wap or jsapi); absent"
                    + " before")
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
    @Schema(
            description =
                "On a create's answer: what the shop's front end takes the buyer to pay with, by"
                    + " kind; absent for barcode (charged at once) and on every other answer")
        CheckoutView checkout) {

  /**
   * The checkout object of a create's answer, by its {@code kind}: {@code app} with {@code
   * order_string} (for Alipay's mobile SDK), {@code jsapi} with {@code trade_no} (for {@code
   * my.tradePay}), {@code qr} with {@code qr_code}, {@code form} with {@code url} (the page that
   * submits the signed form to Alipay's cashier: page, wap) and {@code redirect} with {@code url}
   * (PayGate's cashier that picks the way: any). A barcode payment has none: it is charged at once.
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(
      name = "Checkout",
      description =
          "By kind: app → order_string for Alipay's mobile SDK; jsapi → trade_no for"
              + " my.tradePay; form → url, PayGate's page that submits the signed form to Alipay's"
              + " cashier (page, wap); qr → qr_code to show; redirect → url, PayGate's cashier"
              + " that picks the way (any). A client should tolerate kinds it does not know.")
  public record CheckoutView(
      @Schema(
              requiredMode = Schema.RequiredMode.REQUIRED,
              allowableValues = {"app", "jsapi", "form", "qr", "redirect"})
          String kind,
      @Schema(description = "app: the signed order string") String orderString,
      @Schema(description = "jsapi: Alipay's trade number") String tradeNo,
      @Schema(description = "qr: the text the QR code encodes") String qrCode,
      @Schema(description = "form, redirect: where to send the buyer's browser") String url,
      @Schema(description = "wechatpay qr: the code_url the QR code encodes") String codeUrl,
      @Schema(description = "wechatpay jsapi, app: WeChat Pay's prepay_id") String prepayId,
      @Schema(
              description =
                  "wechatpay jsapi: appId, timeStamp, nonceStr, package, signType, paySign for"
                      + " WeixinJSBridge / wx.requestPayment; app: the app SDK's signed"
                      + " parameters")
          Map<String, String> payParams) {

    CheckoutView(String kind, String orderString, String tradeNo, String qrCode, String url) {
      this(kind, orderString, tradeNo, qrCode, url, null, null, null);
    }

    /**
     * The checkout's shape as the API shows it for the payment's channel: WeChat Pay's in its own
     * words (code_url, prepay_id, pay_params), every other channel's as Alipay's always were.
     */
    static CheckoutView of(Checkout checkout, String channel) {
      if (!CreatePaymentRequest.WECHATPAY.equals(channel)) {
        return of(checkout);
      }
      if (checkout instanceof Checkout.QrCode qr) {
        return new CheckoutView("qr", null, null, null, null, qr.content(), null, null);
      }
      if (checkout instanceof Checkout.JsapiPrepay jsapi) {
        return new CheckoutView(
            "jsapi",
            null,
            null,
            null,
            null,
            null,
            jsapi.prepayId(),
            new TreeMap<>(jsapi.payParams()));
      }
      if (checkout instanceof Checkout.AppOrder app) {
        return new CheckoutView(
            "app", null, null, null, null, null, app.prepayId(), new TreeMap<>(app.payParams()));
      }
      if (checkout instanceof Checkout.Redirect redirect) {
        return new CheckoutView("redirect", null, null, null, redirect.url());
      }
      return null;
    }

    /** The checkout's shape as the API shows it; null for a shape this API does not hand out. */
    static CheckoutView of(Checkout checkout) {
      if (checkout instanceof Checkout.AppOrder app) {
        return new CheckoutView("app", app.orderString(), null, null, null);
      }
      if (checkout instanceof Checkout.JsapiPrepay jsapi) {
        return new CheckoutView("jsapi", null, jsapi.prepayId(), null, null);
      }
      if (checkout instanceof Checkout.QrCode qr) {
        return new CheckoutView("qr", null, null, qr.content(), null);
      }
      if (checkout instanceof Checkout.Redirect redirect) {
        return new CheckoutView("redirect", null, null, null, redirect.url());
      }
      return null;
    }

    /**
     * For a product a browser pays at PayGate's pay_url: the signed HTML stays out of the JSON (the
     * page serves it, signed when opened), so the shop sends the buyer to the URL.
     */
    static CheckoutView atPayUrl(Product product, String payUrl) {
      if (payUrl == null) {
        return null;
      }
      if (product.hasCashierPage()) {
        return new CheckoutView("form", null, null, null, payUrl);
      }
      if (product.opensAnotherWay()) {
        return of(new Checkout.Redirect(payUrl));
      }
      return null;
    }
  }

  /** With the QR code a buyer scans, for a QR payment's create answer. */
  public PaymentView withQrCode(String code) {
    return with(code, CheckoutView.of(new Checkout.QrCode(code)));
  }

  /** With what the buyer's app pays with, for an app or jsapi payment's create answer. */
  public PaymentView withCheckout(Checkout given) {
    return with(qrCode, CheckoutView.of(given));
  }

  /** With what the buyer pays with, in the words of the payment's channel. */
  public PaymentView withCheckout(Checkout given, String channel) {
    return with(qrCode, CheckoutView.of(given, channel));
  }

  /** With the pay_url as the checkout, for a page, wap or any payment's create answer. */
  public PaymentView withPayUrlCheckout(Product given) {
    CheckoutView atPayUrl = CheckoutView.atPayUrl(given, payUrl);
    return atPayUrl == null ? this : with(qrCode, atPayUrl);
  }

  private PaymentView with(String code, CheckoutView given) {
    return new PaymentView(
        outTradeNo,
        app,
        channel,
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
        p.channel(),
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
