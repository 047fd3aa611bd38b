package io.paygate.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.client.Models.Checkout;
import io.paygate.client.Models.Payment;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A kind of checkout this client does not know never breaks reading the payment. */
class CheckoutParsingTest {

  private static Checkout read(String checkout) throws Exception {
    return Json.MAPPER
        .readValue("{\"out_trade_no\":\"A1\",\"checkout\":" + checkout + "}", Payment.class)
        .checkout();
  }

  @Test
  void eachKindReadsAsItsRecordAndANewKindAsUnknown() throws Exception {
    assertThat(read("{\"kind\":\"app\",\"order_string\":\"s\"}")).isEqualTo(new Checkout.App("s"));
    assertThat(read("{\"kind\":\"jsapi\",\"trade_no\":\"t\"}")).isEqualTo(new Checkout.Jsapi("t"));
    assertThat(read("{\"kind\":\"form\",\"url\":\"u\"}")).isEqualTo(new Checkout.Form("u"));
    assertThat(read("{\"kind\":\"qr\",\"qr_code\":\"q\"}")).isEqualTo(new Checkout.Qr("q"));
    assertThat(read("{\"kind\":\"redirect\",\"url\":\"r\"}")).isEqualTo(new Checkout.Redirect("r"));
    assertThat(read("{\"kind\":\"wallet\",\"token\":\"w\",\"more\":{\"a\":1}}"))
        .isEqualTo(new Checkout.Unknown("wallet"));
    assertThat(read("{\"url\":\"x\"}")).isEqualTo(new Checkout.Unknown(null));
    assertThat(read("null")).isNull();
  }

  @Test
  void wechatPaysShapesReadAsTheSameKinds() throws Exception {
    Checkout qr = read("{\"kind\":\"qr\",\"code_url\":\"weixin://wxpay/bizpayurl?pr=abc\"}");
    assertThat(qr).isEqualTo(new Checkout.Qr(null, "weixin://wxpay/bizpayurl?pr=abc"));
    assertThat(((Checkout.Qr) qr).code()).isEqualTo("weixin://wxpay/bizpayurl?pr=abc");
    assertThat(new Checkout.Qr("q").code()).isEqualTo("q");
    Map<String, String> jsapiParams =
        Map.of(
            "appId", "wx1",
            "timeStamp", "1700000000",
            "nonceStr", "n",
            "package", "prepay_id=wx2",
            "signType", "RSA",
            "paySign", "s");
    assertThat(
            read(
                "{\"kind\":\"jsapi\",\"prepay_id\":\"wx2\",\"pay_params\":{\"appId\":\"wx1\","
                    + "\"timeStamp\":\"1700000000\",\"nonceStr\":\"n\",\"package\":\"prepay_id=wx2\","
                    + "\"signType\":\"RSA\",\"paySign\":\"s\"}}"))
        .isEqualTo(new Checkout.Jsapi(null, "wx2", jsapiParams));
    assertThat(
            read(
                "{\"kind\":\"app\",\"prepay_id\":\"wx3\",\"pay_params\":{\"prepayid\":\"wx3\","
                    + "\"package\":\"Sign=WXPay\"}}"))
        .isEqualTo(
            new Checkout.App(null, "wx3", Map.of("prepayid", "wx3", "package", "Sign=WXPay")));
    assertThat(read("{\"kind\":\"redirect\",\"url\":\"https://wx.tenpay.com/h5\"}"))
        .isEqualTo(new Checkout.Redirect("https://wx.tenpay.com/h5"));
  }

  @Test
  void paymentsAndRefundsNameTheirChannel() throws Exception {
    assertThat(
            Json.MAPPER
                .readValue("{\"out_trade_no\":\"A1\",\"channel\":\"wechatpay\"}", Payment.class)
                .channel())
        .isEqualTo("wechatpay");
    assertThat(
            Json.MAPPER
                .readValue(
                    "{\"out_trade_no\":\"A1\",\"channel\":\"wechatpay\"}", Models.Refund.class)
                .channel())
        .isEqualTo("wechatpay");
    // The create names the channel (and a JSAPI payment its openid) in the API's words.
    String create =
        Json.MAPPER.writeValueAsString(Models.NewPayment.wechatJsapi("1.00", "s", "o-1"));
    assertThat(create).contains("\"channel\":\"wechatpay\"").contains("\"openid\":\"o-1\"");
    assertThat(Json.MAPPER.writeValueAsString(Models.NewPayment.wechat("1.00", "s", "native")))
        .contains("\"product\":\"native\"")
        .contains("\"channel\":\"wechatpay\"");
  }
}
