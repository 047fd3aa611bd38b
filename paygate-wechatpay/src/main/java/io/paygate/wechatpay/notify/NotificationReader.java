package io.paygate.wechatpay.notify;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.wechat.pay.java.core.notification.NotificationConfig;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RequestParam;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.refund.model.RefundNotification;
import com.wechat.pay.java.service.refund.model.Status;
import io.paygate.core.channel.ChannelTrade;
import io.paygate.core.channel.InboundNotification;
import io.paygate.core.channel.NotificationCheck;
import io.paygate.core.channel.NotifyReply;
import io.paygate.core.channel.TradeNotification;
import io.paygate.core.channel.TradeState;
import io.paygate.core.money.Money;
import io.paygate.wechatpay.refund.RefundNumbers;
import io.paygate.wechatpay.trade.Trades;
import io.paygate.wechatpay.wire.Fen;
import io.paygate.wechatpay.wire.WxTimes;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/**
 * Reads a payment or refund notification (回调通知): the {@code Wechatpay-*} headers and the raw body
 * go to the SDK's {@link NotificationParser}, which checks the signature and decrypts the
 * AES-256-GCM resource with the APIv3 key; then the merchant is checked to be ours and the appid
 * named. Whether the trade is one of ours, for our amount, the core checks against its books.
 */
public final class NotificationReader {

  /** WeChat Pay takes any 2xx; a body is optional. */
  public static final NotifyReply ACCEPTED =
      new NotifyReply(200, "application/json", "{\"code\":\"SUCCESS\",\"message\":\"成功\"}");

  /** Delivered again later, on WeChat Pay's schedule. */
  public static final NotifyReply TRY_AGAIN =
      new NotifyReply(
          500, "application/json", "{\"code\":\"FAIL\",\"message\":\"not taken, send again\"}");

  /** A notification that is not genuine (or a signature probe, WECHATPAY/SIGNTEST/). */
  public static final NotifyReply NOT_GENUINE =
      new NotifyReply(401, "application/json", "{\"code\":\"FAIL\",\"message\":\"not verified\"}");

  public static final NotifyReply.Choice VERIFIED = new NotifyReply.Choice(ACCEPTED, TRY_AGAIN);
  public static final NotifyReply.Choice REJECTED = new NotifyReply.Choice(ACCEPTED, NOT_GENUINE);

  /** WeChat's own samples refuse a notification signed more than 5 minutes off our clock. */
  static final Duration SKEW = Duration.ofMinutes(5);

  private static final Gson GSON = new Gson();

  private final NotificationParser parser;
  private final String mchid;
  private final Function<String, String> appOfAppid;
  private final Function<String, String> appOfTrade;
  private final Clock clock;

  /**
   * @param appOfAppid PayGate's name for the app with an appid, or null when it is not ours
   * @param appOfTrade PayGate's name for the app an order (by out_trade_no) was made under, or null
   *     when that cannot be told now: a refund notification names no appid
   */
  public NotificationReader(
      NotificationConfig config,
      String mchid,
      Function<String, String> appOfAppid,
      Function<String, String> appOfTrade,
      Clock clock) {
    this.parser = new NotificationParser(config);
    this.mchid = mchid;
    this.appOfAppid = appOfAppid;
    this.appOfTrade = appOfTrade;
    this.clock = clock;
  }

  public NotificationCheck read(InboundNotification notification) {
    String body = new String(notification.body(), StandardCharsets.UTF_8);
    JsonObject envelope;
    try {
      envelope = JsonParser.parseString(body).getAsJsonObject();
    } catch (RuntimeException e) {
      return rejected("not a JSON object", null, "");
    }
    String eventType = text(envelope, "event_type");
    String redactedEnvelope =
        "{\"id\":\""
            + text(envelope, "id")
            + "\",\"event_type\":\""
            + eventType
            + "\",\"create_time\":\""
            + text(envelope, "create_time")
            + "\"}";
    String timestamp = notification.header("Wechatpay-Timestamp");
    if (notification.header("Wechatpay-Signature") == null
        || notification.header("Wechatpay-Serial") == null
        || notification.header("Wechatpay-Nonce") == null
        || timestamp == null) {
      return rejected("the Wechatpay-* headers are missing", null, redactedEnvelope);
    }
    if (!fresh(timestamp)) {
      return rejected("signed more than 5 minutes from now", null, redactedEnvelope);
    }
    JsonObject plain;
    try {
      RequestParam param =
          new RequestParam.Builder()
              .serialNumber(notification.header("Wechatpay-Serial"))
              .nonce(notification.header("Wechatpay-Nonce"))
              .signature(notification.header("Wechatpay-Signature"))
              .timestamp(timestamp)
              .signType(notification.header("Wechatpay-Signature-Type"))
              .body(body)
              .build();
      plain = parser.parse(param, JsonObject.class);
    } catch (RuntimeException e) {
      // ValidationException, DecryptionException, a signature probe's IllegalArgumentException.
      return rejected(
          "the signature or the resource did not verify: " + e.getClass().getSimpleName(),
          null,
          redactedEnvelope);
    }
    String outTradeNo = text(plain, "out_trade_no");
    if (!mchid.equals(text(plain, "mchid"))) {
      return rejected("mchid is not ours", outTradeNo, redactedEnvelope);
    }
    String redacted = redactedEnvelope + " " + redactedResource(plain);
    try {
      if (eventType != null && eventType.startsWith("TRANSACTION.")) {
        return transaction(envelope, plain, redacted);
      }
      if (eventType != null && eventType.startsWith("REFUND.")) {
        return refund(envelope, plain, redacted);
      }
    } catch (RuntimeException e) {
      return rejected("unreadable resource: " + e.getClass().getSimpleName(), outTradeNo, redacted);
    }
    return rejected("an event PayGate does not take: " + eventType, outTradeNo, redacted);
  }

  private NotificationCheck transaction(JsonObject envelope, JsonObject plain, String redacted) {
    Transaction t = GSON.fromJson(plain, Transaction.class);
    String app = appOfAppid.apply(t.getAppid());
    if (app == null) {
      return rejected("appid is not one of ours", t.getOutTradeNo(), redacted);
    }
    if (t.getAmount() != null
        && t.getAmount().getCurrency() != null
        && !"CNY".equals(t.getAmount().getCurrency())) {
      return rejected("currency is not CNY", t.getOutTradeNo(), redacted);
    }
    if (t.getTradeState() == null) {
      return rejected("a trade state PayGate does not know", t.getOutTradeNo(), redacted);
    }
    return new NotificationCheck.Verified(
        app,
        new TradeNotification(text(envelope, "id"), Trades.trade(t), null, null, null),
        redacted,
        VERIFIED);
  }

  private NotificationCheck refund(JsonObject envelope, JsonObject plain, String redacted) {
    RefundNotification r = GSON.fromJson(plain, RefundNotification.class);
    String app = appOfTrade.apply(r.getOutTradeNo());
    if (app == null) {
      // Not known yet (the query did not answer): WeChat Pay sends it again.
      return new NotificationCheck.Rejected(
          "the order's app could not be told yet", r.getOutTradeNo(), redacted, VERIFIED);
    }
    boolean succeeded = r.getRefundStatus() == Status.SUCCESS;
    ChannelTrade trade =
        new ChannelTrade(
            r.getOutTradeNo(),
            r.getTransactionId(),
            TradeState.PAID,
            r.getAmount() == null ? null : Fen.money(r.getAmount().getTotal()),
            null,
            null,
            null);
    // WeChat Pay names this refund's amount only, never the trade's refunded total: the core gets
    // the refund's number, time and own amount, and confirms that refund for it alone.
    Instant refundedAt = succeeded ? WxTimes.parse(r.getSuccessTime()) : null;
    Money refundAmount =
        succeeded && r.getAmount() != null && r.getAmount().getRefund() != null
            ? Fen.money(r.getAmount().getRefund())
            : null;
    return new NotificationCheck.Verified(
        app,
        new TradeNotification(
            text(envelope, "id"),
            trade,
            null,
            succeeded ? RefundNumbers.outRequestNo(r.getOutTradeNo(), r.getOutRefundNo()) : null,
            refundedAt,
            refundAmount),
        redacted,
        VERIFIED);
  }

  private boolean fresh(String timestamp) {
    try {
      Instant signed = Instant.ofEpochSecond(Long.parseLong(timestamp));
      return Duration.between(signed, clock.instant()).abs().compareTo(SKEW) <= 0;
    } catch (RuntimeException e) {
      return false;
    }
  }

  // The decrypted resource without the payer's openid, for the exchange log.
  private static String redactedResource(JsonObject plain) {
    JsonObject copy = plain.deepCopy();
    copy.remove("payer");
    copy.remove("user_received_account");
    return copy.toString();
  }

  private static NotificationCheck rejected(String reason, String outTradeNo, String redacted) {
    return new NotificationCheck.Rejected(reason, outTradeNo, redacted, REJECTED);
  }

  private static String text(JsonObject object, String name) {
    JsonElement value = object.get(name);
    return value == null || value.isJsonNull() || !value.isJsonPrimitive()
        ? null
        : value.getAsString();
  }
}
