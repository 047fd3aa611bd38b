package io.paygate.sandbox.wechatpay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The WeChat Pay page beside the Alipay one, and the page an h5_url opens. */
class WechatPayPagesTest extends WechatPayTestSupport {

  @Test
  void theWechatPayPageListsMerchantsAndIsLinkedFromTheAlipayPage() throws Exception {
    Merchant m = newMerchant("certificate");
    HttpResponse<String> page = get(base() + "/sandbox/wechatpay");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains(m.mchid(), m.publicKeyId(), m.platformSerialNo());
    assertThat(get(base() + "/sandbox").body()).contains("href=\"/sandbox/wechatpay\"");
  }

  @Test
  void anH5OrderIsPaidOnItsPageAndTheShopGetsItsBrowserBack() throws Exception {
    Merchant m = newMerchant("public_key");
    var service =
        new com.wechat.pay.java.service.payments.h5.H5Service.Builder()
            .httpClient(http(publicKeyConfig(m)))
            .build();
    var request = new com.wechat.pay.java.service.payments.h5.model.PrepayRequest();
    request.setAppid(m.appid());
    request.setMchid(m.mchid());
    request.setDescription("H5 <tea>");
    String no = unique("H");
    request.setOutTradeNo(no);
    request.setNotifyUrl("https://shop.example/notify");
    var amount = new com.wechat.pay.java.service.payments.h5.model.Amount();
    amount.setTotal(250);
    request.setAmount(amount);
    var scene = new com.wechat.pay.java.service.payments.h5.model.SceneInfo();
    scene.setPayerClientIp("203.0.113.9");
    var info = new com.wechat.pay.java.service.payments.h5.model.H5Info();
    info.setType("iOS");
    scene.setH5Info(info);
    request.setSceneInfo(scene);
    String h5Url = service.prepay(request).getH5Url();

    HttpResponse<String> page = get(h5Url);
    assertThat(page.body()).contains("2.50", "H5 &lt;tea&gt;");
    String prepayId = URI.create(h5Url).getQuery().split("&")[0].substring("prepay_id=".length());
    HttpResponse<String> paid =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base() + "/sandbox/wechatpay/checkmweb/pay"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "prepay_id="
                            + prepayId
                            + "&redirect_url=https%3A%2F%2Fshop.example%2Fback"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(paid.statusCode()).isEqualTo(303);
    assertThat(paid.headers().firstValue("Location")).contains("https://shop.example/back");
    assertThat(notifications(no).get(0).get("event_type").asString())
        .isEqualTo("TRANSACTION.SUCCESS");
  }
}
