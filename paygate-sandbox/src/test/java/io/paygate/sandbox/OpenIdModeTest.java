package io.paygate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.request.AlipayTradeCancelRequest;
import com.alipay.api.request.AlipayTradePayRequest;
import com.alipay.api.request.AlipayTradeQueryRequest;
import com.alipay.api.request.AlipayTradeRefundRequest;
import com.alipay.api.response.AlipayTradeCancelResponse;
import com.alipay.api.response.AlipayTradePayResponse;
import com.alipay.api.response.AlipayTradeQueryResponse;
import com.alipay.api.response.AlipayTradeRefundResponse;
import io.paygate.core.testkit.Receiver;
import io.paygate.sandbox.signing.RsaKeys;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** OpenID-mode apps name the buyer by buyer_open_id in every answer and notify. */
class OpenIdModeTest extends SandboxTestSupport {

  private static final String OPEN_ID = "0[0-9A-Za-z]{45}";

  private DefaultAlipayClient openIdApp() throws Exception {
    RsaKeys.EncodedKeyPair keys = RsaKeys.generate();
    HttpResponse<String> created =
        sendJson(
            "POST",
            base() + "/sandbox/api/apps",
            "{\"app_public_key\":\"" + keys.publicKey() + "\",\"openid_mode\":true}");
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode app = json(created);
    assertThat(app.get("openid_mode").asBoolean()).isTrue();
    return new DefaultAlipayClient(
        app.get("gateway_url").asString(),
        app.get("app_id").asString(),
        keys.privateKey(),
        "json",
        "UTF-8",
        app.get("alipay_public_key").asString(),
        "RSA2");
  }

  private String authCode() throws Exception {
    for (JsonNode b : json(get(base() + "/sandbox/api/buyers"))) {
      if (b.get("logon_id").asString().equals("buyer@sandbox.paygate")) {
        return b.get("auth_code").asString();
      }
    }
    throw new AssertionError("no default buyer");
  }

  private AlipayTradePayResponse barcode(DefaultAlipayClient client, String out, String notify)
      throws Exception {
    AlipayTradePayRequest request = new AlipayTradePayRequest();
    request.setBizContent(
        "{\"out_trade_no\":\""
            + out
            + "\",\"scene\":\"bar_code\",\"auth_code\":\""
            + authCode()
            + "\",\"total_amount\":\"5.00\",\"subject\":\"OpenID\"}");
    request.setNotifyUrl(notify);
    return client.execute(request);
  }

  private static AlipayTradeQueryResponse query(DefaultAlipayClient client, String out)
      throws Exception {
    AlipayTradeQueryRequest request = new AlipayTradeQueryRequest();
    request.setBizContent("{\"out_trade_no\":\"" + out + "\"}");
    return client.execute(request);
  }

  @Test
  void anOpenIdAppNamesTheBuyerByOpenIdOnlyEverywhere() throws Exception {
    DefaultAlipayClient client = openIdApp();
    try (Receiver receiver = new Receiver()) {
      String out = unique("OID");
      AlipayTradePayResponse paid = barcode(client, out, receiver.url());
      assertThat(paid.isSuccess()).as(paid.getBody()).isTrue();
      String openId = paid.getBuyerOpenId();
      assertThat(openId).matches(OPEN_ID);
      assertThat(paid.getBuyerUserId()).isNull();
      assertThat(paid.getBody()).doesNotContain("buyer_user_id").doesNotContain("\"2088");

      AlipayTradeQueryResponse queried = query(client, out);
      assertThat(queried.getBuyerOpenId()).isEqualTo(openId);
      assertThat(queried.getBuyerUserId()).isNull();

      AlipayTradeRefundRequest refund = new AlipayTradeRefundRequest();
      refund.setBizContent(
          "{\"out_trade_no\":\""
              + out
              + "\",\"refund_amount\":\"1.00\",\"out_request_no\":\"R1\"}");
      AlipayTradeRefundResponse refunded = client.execute(refund);
      assertThat(refunded.getFundChange()).isEqualTo("Y");
      assertThat(refunded.getBuyerOpenId()).isEqualTo(openId);
      assertThat(refunded.getBuyerUserId()).isNull();

      AlipayTradeCancelRequest cancel = new AlipayTradeCancelRequest();
      cancel.setBizContent("{\"out_trade_no\":\"" + out + "\"}");
      AlipayTradeCancelResponse cancelled = client.execute(cancel);
      assertThat(cancelled.getAction()).isEqualTo("refund");
      assertThat(cancelled.getBody()).doesNotContain("buyer_user_id").doesNotContain("\"2088");

      // Payment, partial refund (cancel closes a face-to-face trade without a notify).
      assertThat(receiver.received()).hasSizeGreaterThanOrEqualTo(2);
      for (Map<String, String> notify : receiver.received()) {
        assertThat(notify).containsEntry("buyer_open_id", openId).doesNotContainKey("buyer_id");
      }

      // Stable per buyer and app: the next trade names the same buyer the same way.
      assertThat(barcode(client, unique("OID"), null).getBuyerOpenId()).isEqualTo(openId);
      // Another app sees the same buyer under another open id.
      assertThat(barcode(openIdApp(), unique("OID"), null).getBuyerOpenId())
          .matches(OPEN_ID)
          .isNotEqualTo(openId);
    }
  }

  @Test
  void theDefaultAppSwitchesToOpenIdModeAndBack() throws Exception {
    String appId = app().appId();
    String out = unique("OIDD");
    AlipayTradePayResponse paid = barcode(sdk(), out, null);
    assertThat(paid.getBuyerUserId()).matches("2088\\d{12}");
    assertThat(paid.getBuyerOpenId()).isNull();
    try {
      HttpResponse<String> on =
          sendJson(
              "PUT",
              base() + "/sandbox/api/apps/" + appId + "/openid_mode",
              "{\"openid_mode\":true}");
      assertThat(on.statusCode()).isEqualTo(200);
      assertThat(json(on).get("app_id").asString()).isEqualTo(appId);
      assertThat(json(on).get("openid_mode").asBoolean()).isTrue();
      assertThat(json(get(base() + "/sandbox/api/apps")).get(0).get("openid_mode").asBoolean())
          .isTrue();

      AlipayTradeQueryResponse queried = query(sdk(), out);
      assertThat(queried.getBuyerOpenId()).matches(OPEN_ID);
      assertThat(queried.getBuyerUserId()).isNull();
    } finally {
      HttpResponse<String> off =
          sendJson(
              "PUT",
              base() + "/sandbox/api/apps/" + appId + "/openid_mode",
              "{\"openid_mode\":false}");
      assertThat(json(off).get("openid_mode").asBoolean()).isFalse();
    }
    assertThat(query(sdk(), out).getBuyerUserId()).isEqualTo(paid.getBuyerUserId());
    assertThat(query(sdk(), out).getBuyerOpenId()).isNull();
  }

  @Test
  void switchingNeedsAKnownAppAndAValue() throws Exception {
    HttpResponse<String> unknown =
        sendJson(
            "PUT",
            base() + "/sandbox/api/apps/2021000000000000/openid_mode",
            "{\"openid_mode\":true}");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(json(unknown).get("code").asString()).isEqualTo("APP_NOT_FOUND");
    HttpResponse<String> missing =
        sendJson("PUT", base() + "/sandbox/api/apps/" + app().appId() + "/openid_mode", "{}");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(json(missing).get("code").asString()).isEqualTo("MISSING_FIELD");
  }

  @Test
  void anOpenIdAppSignsTheBuyerInByOpenIdAndMakesJsapiTradesForIt() throws Exception {
    RsaKeys.EncodedKeyPair keys = RsaKeys.generate();
    JsonNode app =
        json(
            sendJson(
                "POST",
                base() + "/sandbox/api/apps",
                "{\"app_public_key\":\"" + keys.publicKey() + "\",\"openid_mode\":true}"));
    String appId = app.get("app_id").asString();
    DefaultAlipayClient client =
        new DefaultAlipayClient(
            app.get("gateway_url").asString(),
            appId,
            keys.privateKey(),
            "json",
            "UTF-8",
            app.get("alipay_public_key").asString(),
            "RSA2");
    String code =
        json(sendJson(
                "POST",
                base() + "/sandbox/api/oauth/codes",
                "{\"app_id\":\"" + appId + "\",\"buyer_logon_id\":\"buyer@sandbox.paygate\"}"))
            .get("auth_code")
            .asString();
    // A code is the app's it was issued for: the default app cannot spend it.
    com.alipay.api.request.AlipaySystemOauthTokenRequest token =
        new com.alipay.api.request.AlipaySystemOauthTokenRequest();
    token.setGrantType("authorization_code");
    token.setCode(code);
    assertThat(sdk().execute(token).getSubCode()).isEqualTo("isv.code-invalid");

    com.alipay.api.response.AlipaySystemOauthTokenResponse signedIn = client.execute(token);
    assertThat(signedIn.isSuccess()).isTrue();
    assertThat(signedIn.getUserId()).isNull();
    assertThat(signedIn.getOpenId()).matches(OPEN_ID);

    String out = unique("OJS");
    com.alipay.api.request.AlipayTradeCreateRequest create =
        new com.alipay.api.request.AlipayTradeCreateRequest();
    create.setBizContent(
        "{\"out_trade_no\":\""
            + out
            + "\",\"total_amount\":\"2.00\",\"subject\":\"OpenID JSAPI\","
            + "\"product_code\":\"JSAPI_PAY\",\"buyer_open_id\":\""
            + signedIn.getOpenId()
            + "\"}");
    com.alipay.api.response.AlipayTradeCreateResponse created = client.execute(create);
    assertThat(created.isSuccess()).isTrue();
    assertThat(query(client, out).getBuyerOpenId()).isEqualTo(signedIn.getOpenId());
  }
}
