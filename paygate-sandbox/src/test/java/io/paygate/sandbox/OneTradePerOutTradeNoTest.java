package io.paygate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.alipay.api.request.AlipaySystemOauthTokenRequest;
import com.alipay.api.request.AlipayTradePrecreateRequest;
import com.alipay.api.response.AlipaySystemOauthTokenResponse;
import com.alipay.api.response.AlipayTradePrecreateResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * One trade per out_trade_no, whatever product places it: an order nobody opened gives way to
 * another product's; an opened one holds. And the Alipay app's page sign-in, which a cashier inside
 * the app goes through before JSAPI pay.
 */
class OneTradePerOutTradeNoTest extends PageFlowSupport {

  private AlipayTradePrecreateResponse precreate(String out, String amount) throws Exception {
    AlipayTradePrecreateRequest request = new AlipayTradePrecreateRequest();
    request.setBizContent(
        "{\"out_trade_no\":\""
            + out
            + "\",\"total_amount\":\""
            + amount
            + "\",\"subject\":\"聚合\"}");
    return sdk().execute(request);
  }

  @Test
  void anOrderNobodyOpenedGivesWayToAnotherProductAndItsQrCodeLeadsNowhere() throws Exception {
    String out = unique("WAY");
    AlipayTradePrecreateResponse qr = precreate(out, "3.00");
    assertThat(qr.isSuccess()).isTrue();

    // The same out_trade_no by the page cashier: the QR order is replaced, not refused.
    String cashier = openCashier(pagePay(biz(out, "3.00", "FAST_INSTANT_TRADE_PAY"), null, null));
    assertThat(cashier).contains("/sandbox/cashier/");
    assertThat(get(qr.getQrCode()).statusCode()).isEqualTo(404);
    // Nothing was opened: still no trade at Alipay.
    assertThat(query(out).getSubCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");

    assertThat(buyer("pay", out, "111111").statusCode()).isEqualTo(200);
    assertThat(query(out).getTradeStatus()).isEqualTo("TRADE_SUCCESS");
    // Paid: no product may place it again.
    assertThat(precreate(out, "3.00").getSubCode()).isEqualTo("ACQ.TRADE_HAS_SUCCESS");
  }

  @Test
  void anOrderABuyerOpenedHoldsItsProduct() throws Exception {
    String out = unique("HOLD");
    AlipayTradePrecreateResponse qr = precreate(out, "2.00");
    assertThat(get(qr.getQrCode()).statusCode()).isEqualTo(200); // scanned: the trade exists
    assertThat(query(out).getTradeStatus()).isEqualTo("WAIT_BUYER_PAY");

    HttpResponse<String> page =
        submitForm(pagePay(biz(out, "2.00", "FAST_INSTANT_TRADE_PAY"), null, null));
    assertThat(page.body()).contains("ACQ.CONTEXT_INCONSISTENT");
    assertThat(precreate(out, "2.00").getQrCode()).isEqualTo(qr.getQrCode());
  }

  @Test
  void theAlipayAppsSignInPageSendsTheBuyerBackWithAnAuthCode() throws Exception {
    String back = "https://shop.example/checkout/N1/signed-in";
    String authorize =
        base()
            + "/sandbox/oauth2/publicAppAuthorize.htm?app_id="
            + app().appId()
            + "&scope=auth_base&state=N1&redirect_uri="
            + URLEncoder.encode(back, StandardCharsets.UTF_8);

    HttpResponse<String> choose = get(authorize);
    assertThat(choose.statusCode()).isEqualTo(200);
    assertThat(choose.body()).contains("buyer@sandbox.paygate").contains("id=\"authorize\"");

    HttpResponse<String> agreed = get(authorize + "&buyer_logon_id=buyer%40sandbox.paygate");
    assertThat(agreed.statusCode()).isEqualTo(302);
    URI location = URI.create(agreed.headers().firstValue("Location").orElseThrow());
    assertThat(location.toString()).startsWith(back + "?");
    assertThat(location.getQuery())
        .contains("app_id=" + app().appId())
        .contains("source=alipay_wallet")
        .contains("scope=auth_base")
        .contains("state=N1");
    String code = location.getQuery().replaceAll(".*auth_code=([^&]+).*", "$1");

    AlipaySystemOauthTokenRequest token = new AlipaySystemOauthTokenRequest();
    token.setGrantType("authorization_code");
    token.setCode(code);
    AlipaySystemOauthTokenResponse signedIn = sdk().execute(token);
    assertThat(signedIn.isSuccess()).isTrue();
    assertThat(signedIn.getUserId()).startsWith("2088");

    assertThat(get(authorize.replace("auth_base", "everything")).statusCode()).isEqualTo(400);
    assertThat(get(authorize + "&buyer_logon_id=nobody%40example.com").statusCode()).isEqualTo(404);
    String relative = authorize.replace(URLEncoder.encode(back, StandardCharsets.UTF_8), "%2Fx");
    assertThat(get(relative).statusCode()).isEqualTo(400);
  }
}
