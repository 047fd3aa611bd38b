package io.paygate.wechatpay;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.core.channel.Buyer;
import io.paygate.core.channel.CancelOutcome;
import io.paygate.core.channel.Checkout;
import io.paygate.core.channel.CheckoutOutcome;
import io.paygate.core.channel.CloseOutcome;
import io.paygate.core.channel.InboundNotification;
import io.paygate.core.channel.NotificationCheck;
import io.paygate.core.channel.PayOrder;
import io.paygate.core.channel.Product;
import io.paygate.core.channel.RefundLookup;
import io.paygate.core.channel.RefundOrder;
import io.paygate.core.channel.RefundOutcome;
import io.paygate.core.channel.TradeLookup;
import io.paygate.core.channel.TradeRef;
import io.paygate.core.channel.TradeState;
import io.paygate.core.money.Money;
import io.paygate.wechatpay.settings.KeyMode;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Pay, notify, query, refund and close through the channel, in both key modes. */
class SandboxPayRoundTripTest extends SandboxWechatPaySupport {

  @ParameterizedTest
  @EnumSource(KeyMode.class)
  void aNativeOrderIsPaidNotifiedQueriedAndRefunded(KeyMode mode) throws Exception {
    Merchant m = newMerchant(mode);
    WechatPayChannel channel = channel(settings(m, mode));
    String no = unique("N");

    CheckoutOutcome opened = channel.checkout(order(no, Product.QR, "12.34"));
    assertThat(opened).isInstanceOf(CheckoutOutcome.Opened.class);
    Checkout.QrCode qr = (Checkout.QrCode) ((CheckoutOutcome.Opened) opened).checkout();
    assertThat(qr.content()).startsWith("weixin://wxpay/bizpayurl?pr=");
    // Asking again is the same prepay: the same code.
    assertThat(
            ((CheckoutOutcome.Opened) channel.checkout(order(no, Product.QR, "12.34"))).checkout())
        .isEqualTo(qr);
    assertThat(((TradeLookup.Found) channel.queryTrade(TradeRef.byOutTradeNo(no))).trade().status())
        .isEqualTo(TradeState.AWAITING_PAYMENT);

    assertThat(payerPays(m.mchid(), no).statusCode()).isEqualTo(200);

    // The notification WeChat Pay posted, verified and decrypted by the channel.
    NotificationCheck check = channel.verify(nextNotification());
    assertThat(check).isInstanceOf(NotificationCheck.Verified.class);
    NotificationCheck.Verified verified = (NotificationCheck.Verified) check;
    assertThat(verified.app()).isEqualTo("default");
    assertThat(verified.notification().trade().outTradeNo()).isEqualTo(no);
    assertThat(verified.notification().trade().status()).isEqualTo(TradeState.PAID);
    assertThat(verified.notification().trade().totalAmount()).isEqualTo(Money.parse("12.34"));
    assertThat(verified.notification().trade().tradeNo()).hasSize(28).startsWith("42");
    assertThat(verified.notification().notifyId()).isNotBlank();
    assertThat(verified.redactedParameters()).contains(no).doesNotContain("ciphertext", "openid");
    assertThat(verified.replies().accepted().status()).isEqualTo(200);
    assertThat(verified.replies().refused().status()).isEqualTo(500);
    assertThat(verified.replies().refused().body()).contains("\"code\":\"FAIL\"");

    TradeLookup.Found paid = (TradeLookup.Found) channel.queryTrade(TradeRef.byOutTradeNo(no));
    assertThat(paid.trade().status()).isEqualTo(TradeState.PAID);
    assertThat(paid.trade().totalAmount()).isEqualTo(Money.parse("12.34"));
    assertThat(paid.trade().tradeNo()).isEqualTo(verified.notification().trade().tradeNo());
    assertThat(paid.trade().buyerId()).isEqualTo(openid(m.appid()));
    assertThat(paid.trade().paidAt()).isNotNull();
    // By WeChat's number alone too.
    assertThat(
            ((TradeLookup.Found)
                    channel.queryTrade(new TradeRef(null, null, paid.trade().tradeNo())))
                .trade()
                .outTradeNo())
        .isEqualTo(no);

    // A partial refund: the trade's total goes with it, in fen.
    String refundNo = "R" + no;
    RefundOutcome refunded =
        channel.refund(
            new RefundOrder(
                null, no, null, refundNo, Money.parse("2.34"), "damaged", Money.parse("12.34")));
    assertThat(refunded).isInstanceOf(RefundOutcome.Accepted.class);
    // Asked again under the same number, the same refund: never a second one.
    assertThat(
            channel.refund(
                new RefundOrder(null, no, null, refundNo, Money.parse("2.34"), "damaged")))
        .isInstanceOf(RefundOutcome.Accepted.class);
    assertThat(channel.queryRefund(TradeRef.byOutTradeNo(no), refundNo))
        .isEqualTo(
            new RefundLookup.Refunded(
                Money.parse("2.34"),
                ((RefundLookup.Refunded) channel.queryRefund(TradeRef.byOutTradeNo(no), refundNo))
                    .refundedAt()));
    assertThat(channel.queryRefund(TradeRef.byOutTradeNo(no), "R-none-" + no))
        .isInstanceOf(RefundLookup.NotRefunded.class);
    // More than is left is refused with WeChat's code.
    RefundOutcome over =
        channel.refund(
            new RefundOrder(
                null, no, null, "RX" + no, Money.parse("10.01"), null, Money.parse("12.34")));
    assertThat(over).isInstanceOf(RefundOutcome.Refused.class);
    assertThat(((RefundOutcome.Refused) over).error().code()).isEqualTo("INVALID_REQUEST");

    // The refund's notification.
    NotificationCheck refundCheck = channel.verify(nextNotification());
    assertThat(refundCheck).isInstanceOf(NotificationCheck.Verified.class);
    var refundNote = ((NotificationCheck.Verified) refundCheck).notification();
    assertThat(refundNote.refundNo()).isEqualTo(refundNo);
    assertThat(refundNote.refundedAt()).isNotNull();
    assertThat(refundNote.trade().outTradeNo()).isEqualTo(no);
    assertThat(refundNote.trade().totalAmount()).isEqualTo(Money.parse("12.34"));
    // A refunded order is still paid at WeChat (REFUND): more refunds may follow.
    assertThat(((TradeLookup.Found) channel.queryTrade(TradeRef.byOutTradeNo(no))).trade().status())
        .isEqualTo(TradeState.PAID);
  }

  @ParameterizedTest
  @EnumSource(KeyMode.class)
  void anUnpaidOrderClosesAndAPaidOneDoesNot(KeyMode mode) throws Exception {
    Merchant m = newMerchant(mode);
    WechatPayChannel channel = channel(settings(m, mode));
    String no = unique("C");
    channel.checkout(order(no, Product.QR, "1.00"));
    assertThat(channel.close(TradeRef.byOutTradeNo(no))).isInstanceOf(CloseOutcome.Closed.class);
    assertThat(channel.close(TradeRef.byOutTradeNo(no))).isInstanceOf(CloseOutcome.Closed.class);
    assertThat(((TradeLookup.Found) channel.queryTrade(TradeRef.byOutTradeNo(no))).trade().status())
        .isEqualTo(TradeState.CLOSED);
    assertThat(payerPays(m.mchid(), no).statusCode()).isEqualTo(409);

    String paid = unique("C");
    channel.checkout(order(paid, Product.QR, "1.00"));
    payerPays(m.mchid(), paid);
    CloseOutcome refused = channel.close(TradeRef.byOutTradeNo(paid));
    assertThat(refused).isInstanceOf(CloseOutcome.Refused.class);
    assertThat(((CloseOutcome.Refused) refused).error().code()).isEqualTo("ORDERPAID");

    assertThat(channel.queryTrade(TradeRef.byOutTradeNo(unique("NONE"))))
        .isInstanceOf(TradeLookup.NotFound.class);
  }

  @Test
  void jsapiH5AndAppCheckoutsCarryWhatTheFrontEndsNeedAndArePaid() throws Exception {
    Merchant m = newMerchant(KeyMode.PUBLIC_KEY);
    WechatPayChannel channel = channel(settings(m, KeyMode.PUBLIC_KEY));
    String openid = openid(m.appid());

    String jsapiNo = unique("J");
    PayOrder jsapiOrder =
        new PayOrder(
            null,
            jsapiNo,
            Product.JSAPI,
            Money.parse("0.01"),
            "jsapi",
            null,
            null,
            Buyer.byOpenId(openid));
    Checkout.JsapiPrepay jsapi =
        (Checkout.JsapiPrepay) ((CheckoutOutcome.Opened) channel.checkout(jsapiOrder)).checkout();
    assertThat(jsapi.prepayId()).startsWith("wx");
    assertThat(jsapi.payParams())
        .containsOnlyKeys("appId", "timeStamp", "nonceStr", "package", "signType", "paySign")
        .containsEntry("package", "prepay_id=" + jsapi.prepayId())
        .containsEntry("appId", m.appid())
        .containsEntry("signType", "RSA");
    // A forged paySign is refused by the payer's WeChat; the genuine one pays.
    Map<String, String> forged = new HashMap<>(jsapi.payParams());
    forged.put("paySign", "AAAA" + jsapi.payParams().get("paySign").substring(4));
    assertThat(payerPaysWith(m.mchid(), jsapiNo, forged).statusCode()).isEqualTo(400);
    assertThat(payerPaysWith(m.mchid(), jsapiNo, jsapi.payParams()).statusCode()).isEqualTo(200);
    assertThat(
            ((TradeLookup.Found) channel.queryTrade(TradeRef.byOutTradeNo(jsapiNo)))
                .trade()
                .buyerId())
        .isEqualTo(openid);

    // Kept for operators, without the front end's signature.
    var kept = exchanges.forPayment(jsapiNo).get(0);
    assertThat(kept.operation()).isEqualTo("wechatpay.prepay.jsapi");
    assertThat(kept.outcome()).isEqualTo("ok");
    assertThat(kept.response())
        .contains(jsapi.prepayId(), "paySign=(redacted)")
        .doesNotContain(jsapi.payParams().get("paySign"));

    // A JSAPI order without its buyer is refused before WeChat is asked.
    assertThat(channel.checkout(order(unique("J"), Product.JSAPI, "0.01")))
        .isInstanceOf(CheckoutOutcome.Refused.class);

    String h5No = unique("H");
    PayOrder h5 =
        new PayOrder(
            null, h5No, Product.WAP, Money.parse("0.99"), "h5", null, null, null, "203.0.113.7");
    Checkout.Redirect redirect =
        (Checkout.Redirect) ((CheckoutOutcome.Opened) channel.checkout(h5)).checkout();
    assertThat(redirect.url()).contains("/sandbox/wechatpay/checkmweb?prepay_id=wx");
    assertThat(channel.checkout(order(unique("H"), Product.WAP, "0.99")))
        .isInstanceOf(CheckoutOutcome.Refused.class);

    String appNo = unique("A");
    Checkout.AppOrder app =
        (Checkout.AppOrder)
            ((CheckoutOutcome.Opened) channel.checkout(order(appNo, Product.APP, "0.05")))
                .checkout();
    assertThat(app.prepayId()).startsWith("wx");
    assertThat(app.payParams())
        .containsOnlyKeys(
            "appid", "partnerid", "prepayid", "package", "noncestr", "timestamp", "sign")
        .containsEntry("partnerid", m.mchid())
        .containsEntry("prepayid", app.prepayId())
        .containsEntry("package", "Sign=WXPay");
    assertThat(payerPaysWith(m.mchid(), appNo, app.payParams()).statusCode()).isEqualTo(200);
    assertThat(
            ((TradeLookup.Found) channel.queryTrade(TradeRef.byOutTradeNo(appNo))).trade().status())
        .isEqualTo(TradeState.PAID);

    // Products WeChat Pay's API v3 does not sell.
    assertThat(channel.checkout(order(unique("P"), Product.PAGE, "1.00")))
        .isInstanceOf(CheckoutOutcome.Refused.class);
  }

  @Test
  void aTamperedOrForeignNotificationIsRejectedAndAskedAgain() throws Exception {
    Merchant m = newMerchant(KeyMode.PUBLIC_KEY);
    WechatPayChannel channel = channel(settings(m, KeyMode.PUBLIC_KEY));
    String no = unique("T");
    channel.checkout(order(no, Product.QR, "0.10"));
    payerPays(m.mchid(), no);
    InboundNotification genuine = nextNotification();
    assertThat(channel.verify(genuine)).isInstanceOf(NotificationCheck.Verified.class);

    // One byte of the body changed.
    String body = new String(genuine.body(), StandardCharsets.UTF_8);
    InboundNotification tampered =
        new InboundNotification(
            genuine.headers(),
            body.replaceFirst("\"id\":\"", "\"id\":\"X").getBytes(StandardCharsets.UTF_8),
            genuine.contentType());
    NotificationCheck rejected = channel.verify(tampered);
    assertThat(rejected).isInstanceOf(NotificationCheck.Rejected.class);
    assertThat(((NotificationCheck.Rejected) rejected).reason()).contains("did not verify");
    assertThat(rejected.replies().refused().status()).isEqualTo(401);
    assertThat(rejected.replies().refused().body()).contains("\"code\":\"FAIL\"");

    // A signature probe (签名探测).
    Map<String, String> probe = new HashMap<>(genuine.headers());
    probe.put("wechatpay-signature", "WECHATPAY/SIGNTEST/" + probe.get("wechatpay-signature"));
    assertThat(channel.verify(new InboundNotification(probe, genuine.body(), null)))
        .isInstanceOf(NotificationCheck.Rejected.class);

    // Without the signed headers; not JSON at all.
    assertThat(channel.verify(new InboundNotification(Map.of(), genuine.body(), null)))
        .isInstanceOf(NotificationCheck.Rejected.class);
    assertThat(channel.verify(new InboundNotification(genuine.headers(), new byte[] {'<'}, null)))
        .isInstanceOf(NotificationCheck.Rejected.class);

    // Genuine, but for another merchant: that merchant's keys do not verify it here.
    Merchant other = newMerchant(KeyMode.PUBLIC_KEY);
    assertThat(channel(settings(other, KeyMode.PUBLIC_KEY)).verify(genuine))
        .isInstanceOf(NotificationCheck.Rejected.class);
  }

  @Test
  void cancelClosesAnUnpaidOrderAndRefundsAPaidOneInFull() throws Exception {
    Merchant m = newMerchant(KeyMode.PUBLIC_KEY);
    WechatPayChannel channel = channel(settings(m, KeyMode.PUBLIC_KEY));
    String unpaid = unique("X");
    channel.checkout(order(unpaid, Product.QR, "4.00"));
    assertThat(channel.cancel(TradeRef.byOutTradeNo(unpaid)))
        .isEqualTo(new CancelOutcome.Cancelled("close"));
    assertThat(
            ((TradeLookup.Found) channel.queryTrade(TradeRef.byOutTradeNo(unpaid)))
                .trade()
                .status())
        .isEqualTo(TradeState.CLOSED);

    String paid = unique("X");
    channel.checkout(order(paid, Product.QR, "4.00"));
    payerPays(m.mchid(), paid);
    assertThat(channel.cancel(TradeRef.byOutTradeNo(paid)))
        .isEqualTo(new CancelOutcome.Cancelled("refund"));
    // Again: the same refund, not a second one.
    assertThat(channel.cancel(TradeRef.byOutTradeNo(paid)))
        .isEqualTo(new CancelOutcome.Cancelled("refund"));
    assertThat(channel.queryRefund(TradeRef.byOutTradeNo(paid), WechatPayChannel.CANCEL_REFUND_NO))
        .isInstanceOfSatisfying(
            RefundLookup.Refunded.class,
            r -> assertThat(r.amount()).isEqualTo(Money.parse("4.00")));

    assertThat(channel.cancel(TradeRef.byOutTradeNo(unique("NONE"))))
        .isInstanceOf(CancelOutcome.NotFound.class);
  }

  @Test
  void aSystemErrorIsUnknownNeverAFailure() throws Exception {
    Merchant m = newMerchant(KeyMode.PUBLIC_KEY);
    WechatPayChannel channel = channel(settings(m, KeyMode.PUBLIC_KEY));
    String no = unique("F");
    try {
      setFaults(
          "{\"gateway\":[{\"kind\":\"system_error\",\"methods\":[\"wechatpay.transactions.native\","
              + "\"wechatpay.transactions.query\"],\"count\":2}]}");
      assertThat(channel.checkout(order(no, Product.QR, "0.10")))
          .isInstanceOf(CheckoutOutcome.Unknown.class);
      assertThat(channel.queryTrade(TradeRef.byOutTradeNo(no)))
          .isInstanceOf(TradeLookup.Unknown.class);
      assertThat(exchanges.last().operation()).isEqualTo("wechatpay.transactions.query");
      assertThat(exchanges.last().outcome()).isEqualTo("unknown");
      // The same order again, the faults spent: opened.
      assertThat(channel.checkout(order(no, Product.QR, "0.10")))
          .isInstanceOf(CheckoutOutcome.Opened.class);
      setFaults(
          "{\"gateway\":[{\"kind\":\"bad_signature\",\"methods\":[\"wechatpay.transactions.query\"],"
              + "\"count\":1}]}");
      // An answer whose signature does not verify says nothing: unknown.
      assertThat(channel.queryTrade(TradeRef.byOutTradeNo(no)))
          .isInstanceOf(TradeLookup.Unknown.class);
    } finally {
      setFaults("{\"gateway\":[],\"notify\":[]}");
    }
  }
}
