package io.paygate.server.payments;

import io.paygate.core.channel.Buyer;
import io.paygate.core.channel.Channels;
import io.paygate.core.channel.Product;
import io.paygate.core.errors.PayGateException;
import io.paygate.core.payments.NewPayment;
import io.paygate.server.api.RequestFields;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Locale;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * {@code POST /api/v1/payments}. Fields arrive as text and are checked one by one. A jsapi payment
 * names its signed-in buyer by {@code buyer_id} or {@code buyer_open_id} (an app in OpenID mode),
 * and a mini-program by {@code op_app_id}. {@code channel} names the payment channel ({@code
 * alipay} when absent); WeChat Pay's products are {@code native}, {@code jsapi} (with the buyer's
 * {@code openid}), {@code h5} and {@code app}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CreatePaymentRequest(
    String totalAmount,
    String subject,
    String body,
    @Schema(
            description =
                "page (desktop browser), wap (phone browser), qr (the shop shows a code), barcode"
                    + " (the shop scans the buyer's code), app (the shop's mobile app), jsapi (a"
                    + " signed-in buyer inside the Alipay app or a mini-program) or any (PayGate's"
                    + " cashier picks the way); page when absent",
            allowableValues = {"page", "wap", "qr", "barcode", "app", "jsapi", "any"})
        String product,
    String outTradeNo,
    String authCode,
    String app,
    String buyerId,
    String buyerOpenId,
    String opAppId,
    @Schema(
            description =
                "The payment channel: alipay (the default) or wechatpay, when it is configured",
            allowableValues = {"alipay", "wechatpay"})
        String channel,
    @Schema(description = "wechatpay jsapi: the buyer's openid for the app") String openid) {

  /** WeChat Pay's channel id, whose product words differ from Alipay's. */
  static final String WECHATPAY = "wechatpay";

  /**
   * The payment asked for, through the channel named (null: the default, whichever is configured
   * first) as {@code channels} says it is configured.
   */
  public NewPayment toNewPayment(Channels channels) {
    String chosen = channel(channels);
    return new NewPayment(
        RequestFields.money("total_amount", totalAmount),
        subject,
        RequestFields.optional(body),
        WECHATPAY.equals(chosen) ? wechatProduct(product) : product(product),
        RequestFields.optional(outTradeNo),
        RequestFields.optional(app),
        buyer(),
        chosen == null ? channels.defaultId() : chosen);
  }

  /** The channel named, when it is one configured; null when none is named. */
  String channel(Channels channels) {
    String named = RequestFields.optional(channel);
    if (named == null) {
      return null;
    }
    String id = named.trim().toLowerCase(Locale.ROOT);
    if (!channels.has(id)) {
      throw PayGateException.invalid(
          "channel",
          "channel is one of " + String.join(", ", channels.ids()) + " (configured here)");
    }
    return id;
  }

  /** The signed-in buyer, when one is named; whether the product needs one the core decides. */
  Buyer buyer() {
    String userId = bounded("buyer_id", buyerId, 32);
    String wechatOpenId = bounded("openid", openid, 128);
    String openId = bounded("buyer_open_id", buyerOpenId, 128);
    if (wechatOpenId != null) {
      if (openId != null || userId != null) {
        throw PayGateException.invalid(
            "openid", "name the buyer by openid alone, not with buyer_id or buyer_open_id");
      }
      openId = wechatOpenId;
    }
    String miniProgram = bounded("op_app_id", opAppId, 32);
    if (userId != null && openId != null) {
      throw PayGateException.invalid(
          "buyer_open_id", "name the buyer by buyer_id or by buyer_open_id, not both");
    }
    if (userId == null && openId == null) {
      if (miniProgram != null) {
        throw PayGateException.invalid(
            "buyer_id", "op_app_id goes with the buyer it is for: buyer_id or buyer_open_id");
      }
      return null;
    }
    return new Buyer(userId, openId, miniProgram);
  }

  private static String bounded(String field, String value, int max) {
    String given = RequestFields.optional(value);
    if (given != null && (given.length() > max || !given.matches("[0-9A-Za-z_-]+"))) {
      throw PayGateException.invalid(
          field, field + " is 1 to " + max + " letters, digits, '_' or '-'");
    }
    return given;
  }

  /** WeChat Pay's words for its products, and the shared ones. */
  static Product wechatProduct(String value) {
    String word = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    return switch (word) {
      case "native", "qr" -> Product.QR;
      case "jsapi" -> Product.JSAPI;
      case "h5", "wap" -> Product.WAP;
      case "app" -> Product.APP;
      default ->
          throw PayGateException.invalid(
              "product", "a wechatpay product is native, jsapi (with openid), h5 or app");
    };
  }

  static Product product(String value) {
    if (value == null || value.isBlank()) {
      return Product.PAGE;
    }
    try {
      return Product.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      throw PayGateException.invalid(
          "product", "product is page, wap, qr, barcode, app, jsapi or any");
    }
  }
}
