package io.paygate.alipay.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.alipay.api.AlipayApiException;
import com.alipay.api.internal.util.AlipaySignature;
import io.paygate.alipay.AlipayChannel;
import io.paygate.alipay.support.Forms;
import io.paygate.alipay.support.TestKeys;
import io.paygate.alipay.support.TestSettings;
import io.paygate.core.channel.NotificationCheck;
import io.paygate.core.channel.TradeNotification;
import io.paygate.core.channel.TradeState;
import io.paygate.core.money.Money;
import io.paygate.core.testkit.RecordingExchangeLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotificationVerificationTest {

  // Notifications never reach the gateway: any URL will do.
  private final AlipayChannel channel =
      new AlipayChannel(
          TestSettings.forGateway("http://127.0.0.1:9/gateway.do", Duration.ofSeconds(1)),
          new RecordingExchangeLog(),
          Clock.systemUTC());

  private static Map<String, String> paidNotify() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("notify_time", "2026-11-26 10:00:05");
    p.put("notify_type", "trade_status_sync");
    p.put("notify_id", "2026112600222100005000000000000001");
    p.put("app_id", TestSettings.APP_ID);
    p.put("auth_app_id", TestSettings.APP_ID);
    p.put("charset", "utf-8");
    p.put("version", "1.0");
    p.put("sign_type", "RSA2");
    p.put("trade_no", "2026112622001400000000000001");
    p.put("out_trade_no", "PG20261126A1");
    p.put("buyer_id", "2088102169481075");
    p.put("buyer_logon_id", "csq***@sandbox.com");
    p.put("seller_id", TestSettings.SELLER_ID);
    p.put("trade_status", "TRADE_SUCCESS");
    p.put("total_amount", "20.00");
    p.put("receipt_amount", "20.00");
    p.put("subject", "一杯咖啡 & cake");
    p.put("gmt_create", "2026-11-26 09:59:58");
    p.put("gmt_payment", "2026-11-26 10:00:04");
    return p;
  }

  /** Signs like Alipay: everything but sign and sign_type, sorted, in the named charset. */
  private static Map<String, String> signed(Map<String, String> params, TestKeys keys)
      throws AlipayApiException {
    String charset = params.getOrDefault("charset", "UTF-8");
    Map<String, String> content = new HashMap<>(params);
    String sign =
        AlipaySignature.rsaSign(
            AlipaySignature.getSignCheckContentV1(content), keys.privateKey(), charset, "RSA2");
    Map<String, String> result = new LinkedHashMap<>(params);
    result.put("sign", sign);
    return result;
  }

  @Test
  void aGenuineNotificationForAnotherAppOrSellerIsRejected() throws Exception {
    Map<String, String> otherApp = new java.util.HashMap<>(paidNotify());
    otherApp.put("app_id", "2021999999999999");
    Map<String, String> otherSeller = new java.util.HashMap<>(paidNotify());
    otherSeller.put("seller_id", "2088999999999999");

    NotificationCheck app = channel.verify(Forms.notification(signed(otherApp, TestKeys.ALIPAY)));
    NotificationCheck seller =
        channel.verify(Forms.notification(signed(otherSeller, TestKeys.ALIPAY)));

    assertThat(app)
        .isEqualTo(
            new NotificationCheck.Rejected(
                "app_id is not ours",
                otherApp.get("out_trade_no"),
                app.redactedParameters(),
                NotifyParameters.REPLIES));
    assertThat(seller)
        .isEqualTo(
            new NotificationCheck.Rejected(
                "seller_id is not ours",
                otherSeller.get("out_trade_no"),
                seller.redactedParameters(),
                NotifyParameters.REPLIES));
    assertThat(app.replies().refused().body()).isEqualTo("failure");
    assertThat(app.replies().accepted().body()).isEqualTo("success");
    assertThat(app.redactedParameters())
        .contains("app_id=2021999999999999")
        .doesNotContain("sign=");
  }

  @Test
  void aGenuineNotificationIsVerifiedAndRead() throws Exception {
    NotificationCheck check =
        channel.verify(Forms.notification(signed(paidNotify(), TestKeys.ALIPAY)));

    assertThat(check).isInstanceOf(NotificationCheck.Verified.class);
    TradeNotification n = ((NotificationCheck.Verified) check).notification();
    assertThat(n.notifyId()).isEqualTo("2026112600222100005000000000000001");
    // Our app and seller were checked by the channel; the kept text names them, without the sign.
    assertThat(check.redactedParameters())
        .contains("app_id=" + TestSettings.APP_ID)
        .contains("seller_id=" + TestSettings.SELLER_ID)
        .contains("sign_type=RSA2")
        .doesNotContain("sign=");
    assertThat(n.refundedTotal()).isNull();
    assertThat(n.refundNo()).isNull();
    assertThat(n.trade().outTradeNo()).isEqualTo("PG20261126A1");
    assertThat(n.trade().tradeNo()).isEqualTo("2026112622001400000000000001");
    assertThat(n.trade().status()).isEqualTo(TradeState.PAID);
    assertThat(n.trade().totalAmount()).isEqualTo(Money.parse("20.00"));
    assertThat(n.trade().buyerLogonId()).isEqualTo("csq***@sandbox.com");
    assertThat(n.trade().buyerId()).isEqualTo("2088102169481075");
    // Beijing wall time, UTC+8.
    assertThat(n.trade().paidAt()).isEqualTo(Instant.parse("2026-11-26T02:00:04Z"));
  }

  @Test
  void aRefundNotificationCarriesTheRefundFields() throws Exception {
    Map<String, String> p = paidNotify();
    p.put("refund_fee", "5.5");
    p.put("out_biz_no", "RF20261126A1");
    p.put("gmt_refund", "2026-11-26 11:00:00.631");

    NotificationCheck check = channel.verify(Forms.notification(signed(p, TestKeys.ALIPAY)));

    TradeNotification n = ((NotificationCheck.Verified) check).notification();
    assertThat(n.refundedTotal()).isEqualTo(Money.parse("5.50"));
    assertThat(n.refundNo()).isEqualTo("RF20261126A1");
  }

  @Test
  void aTamperedAmountIsRejected() throws Exception {
    Map<String, String> p = signed(paidNotify(), TestKeys.ALIPAY);
    p.put("total_amount", "0.01");

    assertThat(channel.verify(Forms.notification(p)))
        .isInstanceOf(NotificationCheck.Rejected.class);
  }

  @Test
  void aNotificationSignedWithAnotherKeyIsRejected() throws Exception {
    assertThat(channel.verify(Forms.notification(signed(paidNotify(), TestKeys.STRANGER))))
        .isInstanceOf(NotificationCheck.Rejected.class);
    // Including our own key: only Alipay's key may sign a notification.
    assertThat(channel.verify(Forms.notification(signed(paidNotify(), TestKeys.APP))))
        .isInstanceOf(NotificationCheck.Rejected.class);
  }

  @Test
  void aMissingSignatureIsRejectedWithoutThrowing() {
    NotificationCheck check = channel.verify(Forms.notification(paidNotify()));

    assertThat(check)
        .extracting(c -> ((NotificationCheck.Rejected) c).reason())
        .isEqualTo("missing sign");
    assertThat(channel.verify(Forms.notification(Map.of())))
        .isInstanceOf(NotificationCheck.Rejected.class);
    assertThat(channel.verify(Forms.notification(Map.of("sign", "@@@not base64@@@"))))
        .isInstanceOf(NotificationCheck.Rejected.class);
  }

  @Test
  void aSha1SignatureIsRejectedEvenWhenItsSignTypeSaysRsa() throws Exception {
    Map<String, String> p = paidNotify();
    p.put("sign_type", "RSA");
    String sha1 =
        AlipaySignature.rsaSign(
            AlipaySignature.getSignCheckContentV1(new HashMap<>(p)),
            TestKeys.ALIPAY.privateKey(),
            "UTF-8",
            "RSA");
    p.put("sign", sha1);

    assertThat(channel.verify(Forms.notification(p)))
        .isInstanceOf(NotificationCheck.Rejected.class);
  }

  @Test
  void aGbkNotificationVerifiesWhenSignedOverGbkBytes() throws Exception {
    Map<String, String> p = paidNotify();
    p.put("charset", "gbk");

    NotificationCheck check = channel.verify(Forms.notification(signed(p, TestKeys.ALIPAY)));

    assertThat(check).isInstanceOf(NotificationCheck.Verified.class);
  }

  @Test
  void aGbkSignatureDoesNotPassAsUtf8() throws Exception {
    Map<String, String> p = paidNotify();
    p.put("charset", "gbk");
    Map<String, String> gbkSigned = signed(p, TestKeys.ALIPAY);
    gbkSigned.put("charset", "utf-8");
    // The charset is signed too, so re-sign under the same content with utf-8 named is impossible;
    // naming a different charset must break it (the subject has non-ASCII characters).
    assertThat(channel.verify(Forms.notification(gbkSigned)))
        .isInstanceOf(NotificationCheck.Rejected.class);
  }

  @Test
  void anUnknownTradeStatusIsRejectedEvenWhenSigned() throws Exception {
    Map<String, String> p = paidNotify();
    p.put("trade_status", "TRADE_PENDING");

    assertThat(channel.verify(Forms.notification(signed(p, TestKeys.ALIPAY))))
        .extracting(c -> ((NotificationCheck.Rejected) c).reason())
        .isEqualTo("unknown trade_status");
  }

  @Test
  void anUnreadableAmountIsRejectedEvenWhenSigned() throws Exception {
    Map<String, String> p = paidNotify();
    p.put("total_amount", "20.001");

    assertThat(channel.verify(Forms.notification(signed(p, TestKeys.ALIPAY))))
        .extracting(c -> ((NotificationCheck.Rejected) c).reason())
        .isEqualTo("unreadable amount");
  }

  @Test
  void theCallersMapIsLeftAlone() throws Exception {
    Map<String, String> p = signed(paidNotify(), TestKeys.ALIPAY);
    Map<String, String> before = new HashMap<>(p);

    channel.verify(Forms.notification(p));

    assertThat(p).isEqualTo(before);
  }

  @Test
  void returnParametersAreCheckedTheSameWay() throws Exception {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("charset", "utf-8");
    p.put("out_trade_no", "PG20261126A1");
    p.put("method", "alipay.trade.page.pay.return");
    p.put("total_amount", "20.00");
    p.put("trade_no", "2026112622001400000000000001");
    p.put("auth_app_id", TestSettings.APP_ID);
    p.put("version", "1.0");
    p.put("app_id", TestSettings.APP_ID);
    p.put("sign_type", "RSA2");
    p.put("seller_id", TestSettings.SELLER_ID);
    p.put("timestamp", "2026-11-26 10:00:06");
    Map<String, String> genuine = signed(p, TestKeys.ALIPAY);

    assertThat(channel.verifyReturn(Forms.query(genuine))).isPresent();
    genuine.put("total_amount", "200.00");
    assertThat(channel.verifyReturn(Forms.query(genuine))).isEmpty();
    assertThat(channel.verifyReturn(Forms.query(signed(p, TestKeys.STRANGER)))).isEmpty();
    assertThat(channel.verifyReturn(Forms.query(p))).isEmpty();
  }
}
