package io.paygate.client;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The API's objects, as typed records. Amounts are {@link BigDecimal} in yuan (never a double),
 * times are {@link Instant}s; names are the API's snake_case ones in Java case.
 */
public final class Models {

  private Models() {}

  /**
   * What a create's answer gives the shop's front end to take the buyer to pay, by its {@code
   * kind}. A kind this client does not know yet reads as {@link Unknown} (never a parse failure),
   * so a newer server does not break an older client.
   */
  @JsonTypeInfo(
      use = JsonTypeInfo.Id.NAME,
      include = JsonTypeInfo.As.EXISTING_PROPERTY,
      property = "kind",
      visible = true,
      defaultImpl = Checkout.Unknown.class)
  @JsonSubTypes({
    @JsonSubTypes.Type(value = Checkout.App.class, name = "app"),
    @JsonSubTypes.Type(value = Checkout.Jsapi.class, name = "jsapi"),
    @JsonSubTypes.Type(value = Checkout.Form.class, name = "form"),
    @JsonSubTypes.Type(value = Checkout.Qr.class, name = "qr"),
    @JsonSubTypes.Type(value = Checkout.Redirect.class, name = "redirect")
  })
  public sealed interface Checkout {

    /** The API's name of this kind. */
    String kind();

    /**
     * App pay. Alipay: hand {@code orderString} to Alipay's mobile SDK in the shop's app. WeChat
     * Pay: hand {@code payParams} (appid, partnerid, prepayid, package, noncestr, timestamp, sign)
     * to the WeChat SDK's PayReq; {@code prepayId} is the order's at WeChat Pay.
     */
    record App(String orderString, String prepayId, Map<String, String> payParams)
        implements Checkout {

      @JsonCreator
      public App {}

      /** Alipay's app pay. */
      public App(String orderString) {
        this(orderString, null, null);
      }

      @Override
      public String kind() {
        return "app";
      }
    }

    /**
     * JSAPI. Alipay: call {@code my.tradePay} with {@code tradeNo} in the Alipay app or
     * mini-program. WeChat Pay: call {@code WeixinJSBridge getBrandWCPayRequest} (or {@code
     * wx.requestPayment}) with {@code payParams} (appId, timeStamp, nonceStr, package, signType,
     * paySign); {@code prepayId} is the order's at WeChat Pay.
     */
    record Jsapi(String tradeNo, String prepayId, Map<String, String> payParams)
        implements Checkout {

      @JsonCreator
      public Jsapi {}

      /** Alipay's JSAPI. */
      public Jsapi(String tradeNo) {
        this(tradeNo, null, null);
      }

      @Override
      public String kind() {
        return "jsapi";
      }
    }

    /** page, wap: send the buyer's browser to {@code url}, which submits the form to Alipay. */
    record Form(String url) implements Checkout {
      @Override
      public String kind() {
        return "form";
      }
    }

    /**
     * qr: show the code as a QR code for the buyer to scan: Alipay's {@code qrCode}, or WeChat
     * Pay's Native {@code codeUrl} ({@code weixin://wxpay/…}).
     */
    record Qr(String qrCode, String codeUrl) implements Checkout {

      @JsonCreator
      public Qr {}

      /** Alipay's QR code. */
      public Qr(String qrCode) {
        this(qrCode, null);
      }

      /** What to show as the QR code, whichever channel made it. */
      public String code() {
        return qrCode != null ? qrCode : codeUrl;
      }

      @Override
      public String kind() {
        return "qr";
      }
    }

    /**
     * any: send the buyer's browser to {@code url}, PayGate's cashier that picks the way; WeChat
     * Pay's h5: to its cashier page at WeChat Pay.
     */
    record Redirect(String url) implements Checkout {
      @Override
      public String kind() {
        return "redirect";
      }
    }

    /** A kind newer than this client (or none given); {@code kind} as the server named it. */
    record Unknown(String kind) implements Checkout {}
  }

  /**
   * A payment. {@code status}: PENDING, PAID, PARTIALLY_REFUNDED, REFUNDED, CLOSED, FAILED (a
   * barcode charge Alipay refused, nothing charged). {@code channel}: alipay or wechatpay. {@code
   * way}: for an any payment, the product its cashier opened. {@code checkout}: on a create's
   * answer only (null elsewhere, and for barcode).
   */
  public record Payment(
      String outTradeNo,
      String app,
      String channel,
      String tradeNo,
      String status,
      String product,
      String way,
      BigDecimal totalAmount,
      BigDecimal refundedAmount,
      String subject,
      String body,
      String buyerLogonId,
      String payUrl,
      Instant createdAt,
      Instant expiresAt,
      Instant paidAt,
      Instant closedAt,
      String attention,
      String qrCode,
      Checkout checkout) {}

  /**
   * A cancel's answer: {@code action} is close (it was unpaid) or refund (all went back); null
   * while Alipay's answer is missing (a 202: the cancel is in flight, PayGate sends it again; poll
   * the payment, or cancel again).
   */
  public record Cancellation(String action, Payment payment) {}

  /**
   * {@code POST /api/v1/payments}; {@code product} is page, wap, qr, barcode, app, jsapi or any,
   * the others may be null. The create's answer carries the payment's {@link Checkout}. {@code app}
   * names the merchant's Alipay app to take it with; null for the default app. A jsapi payment
   * names its signed-in buyer by {@code buyerId} or {@code buyerOpenId}, a mini-program by {@code
   * opAppId}. {@code channel}: alipay (when null) or wechatpay, whose products are native, jsapi
   * (with the buyer's {@code openid}), h5 and app.
   */
  public record NewPayment(
      BigDecimal totalAmount,
      String subject,
      String body,
      String product,
      String outTradeNo,
      String authCode,
      String app,
      String buyerId,
      String buyerOpenId,
      String opAppId,
      String channel,
      String openid) {

    public NewPayment(
        BigDecimal totalAmount,
        String subject,
        String body,
        String product,
        String outTradeNo,
        String authCode,
        String app,
        String buyerId,
        String buyerOpenId,
        String opAppId) {
      this(
          totalAmount,
          subject,
          body,
          product,
          outTradeNo,
          authCode,
          app,
          buyerId,
          buyerOpenId,
          opAppId,
          null,
          null);
    }

    public NewPayment(
        BigDecimal totalAmount,
        String subject,
        String body,
        String product,
        String outTradeNo,
        String authCode,
        String app) {
      this(totalAmount, subject, body, product, outTradeNo, authCode, app, null, null, null);
    }

    public static NewPayment of(String amount, String subject) {
      return new NewPayment(new BigDecimal(amount), subject, null, "page", null, null, null);
    }

    /** A QR payment: its create answer carries the code to show. */
    public static NewPayment qr(String amount, String subject) {
      return of(amount, subject).withProduct("qr");
    }

    /** An app payment: its create answer carries the order string for Alipay's mobile SDK. */
    public static NewPayment app(String amount, String subject) {
      return of(amount, subject).withProduct("app");
    }

    /** A JSAPI payment for the signed-in buyer of that Alipay user id. */
    public static NewPayment jsapi(String amount, String subject, String buyerId) {
      return new NewPayment(
          new BigDecimal(amount), subject, null, "jsapi", null, null, null, buyerId, null, null);
    }

    /** A payment the buyer's way decides: its create answer redirects to PayGate's cashier. */
    public static NewPayment any(String amount, String subject) {
      return of(amount, subject).withProduct("any");
    }

    /**
     * A WeChat Pay payment of that product (native, h5, app; jsapi through {@link #wechatJsapi}).
     */
    public static NewPayment wechat(String amount, String subject, String product) {
      return of(amount, subject).withProduct(product).withChannel("wechatpay");
    }

    /** A WeChat Pay JSAPI payment for the buyer of that openid (for the configured appid). */
    public static NewPayment wechatJsapi(String amount, String subject, String openid) {
      return new NewPayment(
          new BigDecimal(amount),
          subject,
          null,
          "jsapi",
          null,
          null,
          null,
          null,
          null,
          null,
          "wechatpay",
          openid);
    }

    /** The same payment, as another product. */
    public NewPayment withProduct(String name) {
      return new NewPayment(
          totalAmount,
          subject,
          body,
          name,
          outTradeNo,
          authCode,
          app,
          buyerId,
          buyerOpenId,
          opAppId,
          channel,
          openid);
    }

    /** The same payment, taken with the merchant's app of that name. */
    public NewPayment withApp(String name) {
      return new NewPayment(
          totalAmount,
          subject,
          body,
          product,
          outTradeNo,
          authCode,
          name,
          buyerId,
          buyerOpenId,
          opAppId,
          channel,
          openid);
    }

    /** The same payment, taken through that channel (alipay, wechatpay). */
    public NewPayment withChannel(String id) {
      return new NewPayment(
          totalAmount,
          subject,
          body,
          product,
          outTradeNo,
          authCode,
          app,
          buyerId,
          buyerOpenId,
          opAppId,
          id,
          openid);
    }

    /**
     * A barcode payment for the buyer's scanned payment code: the create answers PAID, CLOSED when
     * the buyer did not confirm in time, or PENDING (202) while Alipay's word is missing (poll the
     * payment, or send the same request again with its Idempotency-Key); a refusal names the FAILED
     * payment's out_trade_no.
     */
    public static NewPayment barcode(String amount, String subject, String authCode) {
      return new NewPayment(new BigDecimal(amount), subject, null, "barcode", null, authCode, null);
    }
  }

  /**
   * A refund. {@code status}: PENDING, SUCCEEDED, FAILED; {@code origin}: PAYGATE, or ALIPAY /
   * WECHATPAY for one made in that channel's merchant console; {@code channel}: its payment's.
   */
  public record Refund(
      String outTradeNo,
      String outRequestNo,
      BigDecimal refundAmount,
      String refundReason,
      String status,
      String failureCode,
      String failureMessage,
      String origin,
      Instant createdAt,
      Instant refundedAt,
      String channel) {}

  /** {@code POST /api/v1/payments/{no}/refunds}; reason and number may be null. */
  public record NewRefund(BigDecimal refundAmount, String refundReason, String outRequestNo) {

    public static NewRefund of(String amount) {
      return new NewRefund(new BigDecimal(amount), null, null);
    }
  }

  /** A webhook endpoint; {@code secret} only in the answer that made it (create, rotate). */
  public record WebhookEndpoint(
      String id, String url, List<String> events, String secret, Instant created) {}

  /** An event; {@code data.object} is the payment or refund as the API showed it then. */
  public record Event(
      String id, String type, Instant created, JsonNode data, List<Delivery> deliveries) {

    /** The object the event is about, as the given record type. */
    public <T> T object(Class<T> type) {
      return Json.MAPPER.convertValue(data.get("object"), type);
    }
  }

  /** One endpoint's delivery of an event. {@code status}: PENDING, SUCCEEDED, FAILED. */
  public record Delivery(
      long id,
      String endpointId,
      String status,
      int attempts,
      Instant nextAttemptAt,
      List<Attempt> attemptLog) {}

  public record Attempt(
      Instant attemptedAt,
      Integer statusCode,
      String replyExcerpt,
      String error,
      long durationMs) {}

  /**
   * An API key; {@code key} only in the answer that made it. {@code scope}: read, write, admin;
   * {@code apps}: the apps it is limited to, empty for every app.
   */
  public record ApiKey(
      String id,
      String name,
      String scope,
      List<String> apps,
      String prefix,
      String key,
      Instant created) {}

  /** A page of a list, newest first; pass the last item's cursor for the next one. */
  public record Page<T>(List<T> data, boolean hasMore) {}
}
