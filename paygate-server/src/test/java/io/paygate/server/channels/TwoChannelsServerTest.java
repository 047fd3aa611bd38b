package io.paygate.server.channels;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.core.channel.Buyer;
import io.paygate.core.channel.Channels;
import io.paygate.core.channel.PayOrder;
import io.paygate.core.channel.Product;
import io.paygate.server.ServerTestSupport;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The server with a second payment channel beside Alipay's (a stand-in for WeChat Pay, id {@code
 * wechatpay}): a create naming {@code channel} reaches that channel and answers its checkout in its
 * words, a notification at {@code /channels/wechatpay/notify} books it, and the same one at
 * Alipay's route changes nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@Import(TwoChannelsServerTest.SecondChannel.class)
class TwoChannelsServerTest extends ServerTestSupport {

  @TestConfiguration(proxyBeanMethods = false)
  static class SecondChannel {
    @Bean
    TestWechatPay testWechatPay() {
      return new TestWechatPay();
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    serverProperties(registry, "two-channels");
    // The stand-in takes WeChat Pay's id here; the real channel's flows run in the shared context.
    registry.add("paygate.wechatpay.enabled", () -> "false");
  }

  @Autowired TestWechatPay wechat;
  @Autowired Channels channels;

  private static String no() {
    return "WX" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
  }

  private Reply create(Map<String, Object> body) {
    return api("POST", "/api/v1/payments", body);
  }

  private PayOrder orderOf(String outTradeNo) {
    return wechat.orders.stream()
        .filter(o -> o.outTradeNo().equals(outTradeNo))
        .reduce((a, b) -> b)
        .orElseThrow();
  }

  private Reply notifyAt(String path, String outTradeNo, String signature) {
    var notification = TestWechatPay.paidNotification(outTradeNo, signature);
    return send(
        HttpRequest.newBuilder(URI.create(base() + path))
            .header("Content-Type", "application/json")
            .header(TestWechatPay.SIGNATURE, signature)
            .POST(HttpRequest.BodyPublishers.ofByteArray(notification.body()))
            .build());
  }

  @Test
  void bothChannelsAreOneChannelsBeanAndAlipayIsTheDefault() {
    assertThat(channels.ids()).containsExactlyInAnyOrder("alipay", "wechatpay");
    assertThat(channels.defaultId()).isEqualTo("alipay");
  }

  @Test
  void aNativePaymentReachesWechatPayAndAnswersItsCodeUrl() {
    String no = no();
    Reply created = create(wechatNativeOrder(no, "12.34"));

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode json = created.json();
    assertThat(json.get("channel").asString()).isEqualTo("wechatpay");
    assertThat(json.get("product").asString()).isEqualTo("qr");
    assertThat(json.get("checkout").get("kind").asString()).isEqualTo("qr");
    assertThat(json.get("checkout").get("code_url").asString())
        .isEqualTo("weixin://wxpay/bizpayurl?pr=" + no);
    assertThat(json.get("checkout").has("qr_code")).isFalse();
    PayOrder order = orderOf(no);
    assertThat(order.product()).isEqualTo(Product.QR);
    assertThat(order.totalAmount().toString()).isEqualTo("12.34");

    Reply read = api("GET", "/api/v1/payments/" + no, null);
    assertThat(read.json().get("channel").asString()).isEqualTo("wechatpay");
  }

  @Test
  void jsapiTakesTheBuyersOpenidAndAnswersThePayParams() {
    String no = no();
    Reply created =
        create(
            Map.of(
                "channel", "wechatpay",
                "product", "jsapi",
                "openid", "o-buyer-1",
                "total_amount", "1.00",
                "subject", "tea",
                "out_trade_no", no));

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode checkout = created.json().get("checkout");
    assertThat(checkout.get("kind").asString()).isEqualTo("jsapi");
    assertThat(checkout.get("prepay_id").asString()).isEqualTo("wx" + no);
    JsonNode params = checkout.get("pay_params");
    assertThat(params.propertyNames())
        .containsExactlyInAnyOrder(
            "appId", "timeStamp", "nonceStr", "package", "signType", "paySign");
    assertThat(params.get("package").asString()).isEqualTo("prepay_id=wx" + no);
    assertThat(orderOf(no).buyer()).isEqualTo(Buyer.byOpenId("o-buyer-1"));
  }

  @Test
  void h5RedirectsAndPassesTheCallersAddressAndAppAnswersItsPrepay() {
    String h5 = no();
    Reply redirect =
        create(
            Map.of(
                "channel", "wechatpay",
                "product", "h5",
                "total_amount", "2.00",
                "subject", "tea",
                "out_trade_no", h5));
    assertThat(redirect.status()).as(redirect.body()).isEqualTo(201);
    assertThat(redirect.json().get("checkout").get("kind").asString()).isEqualTo("redirect");
    assertThat(redirect.json().get("checkout").get("url").asString())
        .isEqualTo("https://wx.tenpay.example/h5?prepay_id=wx" + h5);
    assertThat(orderOf(h5).product()).isEqualTo(Product.WAP);
    assertThat(orderOf(h5).buyerIp()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");

    String app = no();
    Reply appOrder =
        create(
            Map.of(
                "channel", "wechatpay",
                "product", "app",
                "total_amount", "3.00",
                "subject", "tea",
                "out_trade_no", app));
    assertThat(appOrder.status()).as(appOrder.body()).isEqualTo(201);
    JsonNode checkout = appOrder.json().get("checkout");
    assertThat(checkout.get("kind").asString()).isEqualTo("app");
    assertThat(checkout.get("prepay_id").asString()).isEqualTo("wx" + app);
    assertThat(checkout.get("pay_params").get("paySign").asString()).isEqualTo("c2lnbmVk");
  }

  @Test
  void aNotificationAtItsChannelsRouteBooksItAndAtAlipaysChangesNothing() {
    String no = no();
    create(
        Map.of(
            "channel", "wechatpay",
            "product", "native",
            "total_amount", "5.00",
            "subject", "tea",
            "out_trade_no", no));
    wechat.buyerPays(no);

    Reply atAlipay = notifyAt("/alipay/notify", no, TestWechatPay.GENUINE);
    assertThat(api("GET", "/api/v1/payments/" + no, null).json().get("status").asString())
        .isEqualTo("PENDING");
    assertThat(atAlipay.body()).doesNotContain("SUCCESS");

    Reply forged = notifyAt("/channels/wechatpay/notify", no, "forged");
    assertThat(forged.status()).isEqualTo(500);
    assertThat(api("GET", "/api/v1/payments/" + no, null).json().get("status").asString())
        .isEqualTo("PENDING");

    Reply genuine = notifyAt("/channels/wechatpay/notify", no, TestWechatPay.GENUINE);
    assertThat(genuine.status()).isEqualTo(200);
    assertThat(genuine.body()).contains("\"SUCCESS\"");
    JsonNode paid = api("GET", "/api/v1/payments/" + no, null).json();
    assertThat(paid.get("status").asString()).isEqualTo("PAID");
    assertThat(paid.get("trade_no").asString()).isEqualTo("4200" + no);

    // A refund of it goes to its channel, which answers without a running total.
    Reply refund = refundPayment(no, "2.00", "R" + no);
    assertThat(refund.status()).as(refund.body()).isEqualTo(201);
    assertThat(refund.json().get("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(refund.json().get("channel").asString()).isEqualTo("wechatpay");
    assertThat(api("GET", "/api/v1/payments/" + no, null).json().get("refunded_amount").asString())
        .isEqualTo("2.00");
  }

  @Test
  void anUnknownChannelIsA400NamingTheFieldAndAnUnknownRouteA404() {
    Reply unknown =
        create(
            Map.of(
                "channel", "paypal",
                "product", "native",
                "total_amount", "1.00",
                "subject", "tea"));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().get("field").asString()).isEqualTo("channel");

    Reply route =
        send(
            HttpRequest.newBuilder(URI.create(base() + "/channels/paypal/notify"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}", StandardCharsets.UTF_8))
                .build());
    assertThat(route.status()).isEqualTo(404);
    assertThat(route.json().get("code").asString()).isEqualTo("CHANNEL_NOT_FOUND");
  }

  @Test
  void alipayStaysTheDefaultInItsOwnWords() {
    String no = no();
    Reply created =
        create(
            Map.of("product", "qr", "total_amount", "1.00", "subject", "tea", "out_trade_no", no));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().get("channel").asString()).isEqualTo("alipay");
    assertThat(created.json().get("checkout").get("kind").asString()).isEqualTo("qr");
    assertThat(created.json().get("checkout").has("qr_code")).isTrue();
    assertThat(created.json().get("checkout").has("code_url")).isFalse();
    assertThat(wechat.orders.stream().noneMatch(o -> o.outTradeNo().equals(no))).isTrue();
  }
}
