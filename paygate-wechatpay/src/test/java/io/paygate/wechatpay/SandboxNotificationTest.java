package io.paygate.wechatpay;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.core.channel.InboundNotification;
import io.paygate.core.channel.NotificationCheck;
import io.paygate.core.channel.Product;
import io.paygate.core.channel.RefundOrder;
import io.paygate.core.money.Money;
import io.paygate.wechatpay.settings.KeyMode;
import io.paygate.wechatpay.settings.WechatPayApp;
import io.paygate.wechatpay.settings.WechatPaySettings;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Notifications: freshness, and the app named when the merchant has several appids. */
class SandboxNotificationTest extends SandboxWechatPaySupport {

  @Test
  void aNotificationSignedMoreThanFiveMinutesAwayIsRejected() throws Exception {
    Merchant m = newMerchant(KeyMode.PUBLIC_KEY);
    WechatPaySettings settings = settings(m, KeyMode.PUBLIC_KEY);
    String no = unique("S");
    channel(settings).checkout(order(no, Product.QR, "0.20"));
    payerPays(m.mchid(), no);
    InboundNotification notification = nextNotification();

    WechatPayChannel late =
        new WechatPayChannel(
            settings, exchanges, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(6)));
    NotificationCheck check = late.verify(notification);
    assertThat(check).isInstanceOf(NotificationCheck.Rejected.class);
    assertThat(((NotificationCheck.Rejected) check).reason()).contains("5 minutes");
    WechatPayChannel nearlyLate =
        new WechatPayChannel(
            settings, exchanges, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(4)));
    assertThat(nearlyLate.verify(notification)).isInstanceOf(NotificationCheck.Verified.class);
  }

  @Test
  void withSeveralAppidsEachNotificationNamesItsOrdersApp() throws Exception {
    Merchant m = newMerchant(KeyMode.PUBLIC_KEY);
    String second =
        JSON.readTree(
                postJson("/sandbox/wechatpay/api/merchants/" + m.mchid() + "/appids", Map.of())
                    .body())
            .get("appids")
            .get(1)
            .asString();
    WechatPaySettings one = settings(m, KeyMode.PUBLIC_KEY);
    WechatPaySettings two =
        new WechatPaySettings(
            one.mchid(),
            Map.of("shop", WechatPayApp.of(m.appid()), "mini", WechatPayApp.of(second)),
            one.privateKey(),
            one.merchantSerialNo(),
            null,
            one.apiV3Key(),
            one.keyMode(),
            one.publicKey(),
            one.publicKeyId(),
            one.notifyUrl(),
            one.baseUrl(),
            one.connectTimeout(),
            one.readTimeout());
    WechatPayChannel channel = channel(two);
    String no = unique("M");
    var order = order(no, Product.QR, "3.00");
    channel.checkout(
        new io.paygate.core.channel.PayOrder(
            "mini", no, Product.QR, order.totalAmount(), order.subject(), null, null));
    payerPays(m.mchid(), no);
    NotificationCheck.Verified paid =
        (NotificationCheck.Verified) channel.verify(nextNotification());
    assertThat(paid.app()).isEqualTo("mini");

    channel.refund(
        new RefundOrder(
            "mini", no, null, "R" + no, Money.parse("1.00"), null, Money.parse("3.00")));
    // A refund notification names no appid: the order's is asked for.
    NotificationCheck.Verified refund =
        (NotificationCheck.Verified) channel.verify(nextNotification());
    assertThat(refund.app()).isEqualTo("mini");
    assertThat(refund.notification().refundNo()).isEqualTo("R" + no);
    // The refund's own amount, for the core to confirm it by (no running total comes with it).
    assertThat(refund.notification().refundAmount()).isEqualTo(Money.parse("1.00"));
    assertThat(refund.notification().refundedTotal()).isNull();

    // An app that names no appid of ours is refused before WeChat is asked.
    assertThat(
            channel.checkout(
                new io.paygate.core.channel.PayOrder(
                    "other", unique("M"), Product.QR, Money.parse("1.00"), "x", null, null)))
        .isInstanceOf(io.paygate.core.channel.CheckoutOutcome.Refused.class);
  }
}
