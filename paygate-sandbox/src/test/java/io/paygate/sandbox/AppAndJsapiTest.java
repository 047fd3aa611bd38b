package io.paygate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.alipay.api.internal.util.AlipaySignature;
import com.alipay.api.request.AlipaySystemOauthTokenRequest;
import com.alipay.api.request.AlipayTradeAppPayRequest;
import com.alipay.api.request.AlipayTradeCreateRequest;
import com.alipay.api.request.AlipayTradeRefundRequest;
import com.alipay.api.response.AlipaySystemOauthTokenResponse;
import com.alipay.api.response.AlipayTradeCreateResponse;
import com.alipay.api.response.AlipayTradeRefundResponse;
import io.paygate.core.testkit.Receiver;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * App pay, JSAPI (trade.create) and buyer sign-in, through the official SDK as a merchant's server
 * uses them, with the sandbox's control API playing the Alipay app.
 */
class AppAndJsapiTest extends PageFlowSupport {

  private static final String BUYER = "buyer@sandbox.paygate";

  private String orderString(String out, String amount, String notifyUrl) throws Exception {
    AlipayTradeAppPayRequest request = new AlipayTradeAppPayRequest();
    request.setBizContent(
        "{\"out_trade_no\":\""
            + out
            + "\",\"total_amount\":\""
            + amount
            + "\",\"subject\":\"App 应用\",\"product_code\":\"QUICK_MSECURITY_PAY\"}");
    request.setNotifyUrl(notifyUrl);
    return sdk().sdkExecute(request).getBody();
  }

  private JsonNode appPay(String orderString, String logonId) throws Exception {
    HttpResponse<String> response =
        sendJson(
            "POST",
            base() + "/sandbox/api/app/pay",
            JSON.writeValueAsString(
                Map.of(
                    "order_string", orderString,
                    "buyer_logon_id", logonId,
                    "pay_password", "111111")));
    assertThat(response.statusCode()).isEqualTo(200);
    return json(response);
  }

  private String newBuyer() throws Exception {
    String logon = unique("b").toLowerCase() + "@sandbox.paygate";
    HttpResponse<String> created =
        sendJson(
            "POST",
            base() + "/sandbox/api/buyers",
            "{\"logon_id\":\"" + logon + "\",\"pay_password\":\"111111\",\"balance\":\"100.00\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    return logon;
  }

  private String userId(String logonId) throws Exception {
    for (JsonNode b : json(get(base() + "/sandbox/api/buyers"))) {
      if (b.get("logon_id").asString().equals(logonId)) {
        return b.get("user_id").asString();
      }
    }
    throw new AssertionError("no buyer " + logonId);
  }

  @Test
  void anAppOrderStringPaidInTheAlipayAppAnswersASignedResultAndNotifies() throws Exception {
    try (Receiver receiver = new Receiver()) {
      String out = unique("APP");
      String orderString = orderString(out, "8.80", receiver.url());
      assertThat(orderString).contains("method=alipay.trade.app.pay").contains("sign=");

      JsonNode answer = appPay(orderString, BUYER);

      assertThat(answer.get("resultStatus").asString()).isEqualTo("9000");
      String result = answer.get("result").asString();
      JsonNode parsed = JSON.readTree(result);
      JsonNode response = parsed.get("alipay_trade_app_pay_response");
      assertThat(response.get("out_trade_no").asString()).isEqualTo(out);
      assertThat(response.get("total_amount").asString()).isEqualTo("8.80");
      assertThat(parsed.get("sign_type").asString()).isEqualTo("RSA2");
      // What a merchant's server checks: the signature over the response object's exact text.
      String content = signedObject(result);
      assertThat(
              AlipaySignature.rsaCheck(
                  content, parsed.get("sign").asString(), app().alipayPublicKey(), "UTF-8", "RSA2"))
          .isTrue();
      assertThat(
              AlipaySignature.rsaCheck(
                  content.replace("8.80", "0.01"),
                  parsed.get("sign").asString(),
                  app().alipayPublicKey(),
                  "UTF-8",
                  "RSA2"))
          .isFalse();

      assertThat(query(out).getTradeStatus()).isEqualTo("TRADE_SUCCESS");
      assertThat(receiver.received()).hasSize(1);
      assertThat(receiver.received().get(0)).containsEntry("trade_status", "TRADE_SUCCESS");
      assertThat(
              AlipaySignature.rsaCheckV1(
                  new HashMap<>(receiver.received().get(0)),
                  app().alipayPublicKey(),
                  "UTF-8",
                  "RSA2"))
          .isTrue();
    }
  }

  @Test
  void aTamperedOrderStringIsResultStatus4000AndNothingIsPaid() throws Exception {
    String out = unique("APPX");
    String orderString = orderString(out, "8.80", null).replace("8.80", "0.01");

    JsonNode answer = appPay(orderString, BUYER);

    assertThat(answer.get("resultStatus").asString()).isEqualTo("4000");
    assertThat(answer.get("memo").asString()).contains("isv.invalid-signature");
    assertThat(query(out).getSubCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");
    assertThat(
            appPay("method=alipay.trade.app.pay&app_id=nope", BUYER).get("resultStatus").asString())
        .isEqualTo("4000");
  }

  private AlipayTradeCreateResponse create(String out, String buyerField) throws Exception {
    return create(out, buyerField, null);
  }

  private AlipayTradeCreateResponse create(String out, String buyerField, String notifyUrl)
      throws Exception {
    AlipayTradeCreateRequest request = new AlipayTradeCreateRequest();
    request.setNotifyUrl(notifyUrl);
    request.setBizContent(
        "{\"out_trade_no\":\""
            + out
            + "\",\"total_amount\":\"3.00\",\"subject\":\"JSAPI\",\"product_code\":\"JSAPI_PAY\""
            + buyerField
            + "}");
    return sdk().execute(request);
  }

  private HttpResponse<String> payByTradeNo(String tradeNo, String logonId) throws Exception {
    return sendJson(
        "POST",
        base() + "/sandbox/api/buyer/pay",
        JSON.writeValueAsString(
            Map.of(
                "app_id",
                app().appId(),
                "trade_no",
                tradeNo,
                "buyer_logon_id",
                logonId,
                "pay_password",
                "111111")));
  }

  @Test
  void aJsapiTradeWaitsForItsBuyerAndNoOtherBuyerCanPayIt() throws Exception {
    String buyer = newBuyer();
    String out = unique("JS");
    AlipayTradeCreateResponse created = create(out, ",\"buyer_id\":\"" + userId(buyer) + "\"");
    assertThat(created.isSuccess()).isTrue();
    assertThat(created.getTradeNo()).isNotBlank();
    assertThat(created.getOutTradeNo()).isEqualTo(out);
    assertThat(query(out).getTradeStatus()).isEqualTo("WAIT_BUYER_PAY");
    assertThat(create(out, ",\"buyer_id\":\"" + userId(buyer) + "\"").getTradeNo())
        .isEqualTo(created.getTradeNo());

    assertThat(payByTradeNo(created.getTradeNo(), BUYER).statusCode()).isEqualTo(409);
    assertThat(query(out).getTradeStatus()).isEqualTo("WAIT_BUYER_PAY");
    assertThat(payByTradeNo(created.getTradeNo(), buyer).statusCode()).isEqualTo(200);
    assertThat(query(out).getTradeStatus()).isEqualTo("TRADE_SUCCESS");
  }

  @Test
  void aPaidJsapiTradeNotifiesWhatTheSdksRsaCheckV1Accepts() throws Exception {
    try (Receiver receiver = new Receiver()) {
      String buyer = newBuyer();
      String out = unique("JSN");
      AlipayTradeCreateResponse created =
          create(out, ",\"buyer_id\":\"" + userId(buyer) + "\"", receiver.url());
      assertThat(payByTradeNo(created.getTradeNo(), buyer).statusCode()).isEqualTo(200);

      assertThat(receiver.received()).hasSize(1);
      Map<String, String> notify = receiver.received().get(0);
      assertThat(notify).containsEntry("trade_status", "TRADE_SUCCESS");
      assertThat(notify).containsEntry("out_trade_no", out);
      assertThat(
              AlipaySignature.rsaCheckV1(
                  new HashMap<>(notify), app().alipayPublicKey(), "UTF-8", "RSA2"))
          .isTrue();
      Map<String, String> tampered = new HashMap<>(notify);
      tampered.put("total_amount", "0.01");
      assertThat(AlipaySignature.rsaCheckV1(tampered, app().alipayPublicKey(), "UTF-8", "RSA2"))
          .isFalse();
    }
  }

  @Test
  void aCreateWithoutABuyerOrWithAnUnknownOneIsRefused() throws Exception {
    assertThat(create(unique("JSN"), "").getSubCode()).isEqualTo("ACQ.INVALID_PARAMETER");
    assertThat(create(unique("JSU"), ",\"buyer_id\":\"2088000000000001\"").getSubCode())
        .isEqualTo("ACQ.BUYER_NOT_EXIST");
  }

  private String authCode(String logonId) throws Exception {
    HttpResponse<String> response =
        sendJson(
            "POST",
            base() + "/sandbox/api/oauth/codes",
            "{\"app_id\":\"" + app().appId() + "\",\"buyer_logon_id\":\"" + logonId + "\"}");
    assertThat(response.statusCode()).isEqualTo(200);
    return json(response).get("auth_code").asString();
  }

  private AlipaySystemOauthTokenResponse token(String code) throws Exception {
    AlipaySystemOauthTokenRequest request = new AlipaySystemOauthTokenRequest();
    request.setGrantType("authorization_code");
    request.setCode(code);
    return sdk().execute(request);
  }

  @Test
  void anAuthCodeSignsTheBuyerInOnceAndThenIsInvalid() throws Exception {
    String buyer = newBuyer();
    String code = authCode(buyer);

    AlipaySystemOauthTokenResponse signedIn = token(code);
    assertThat(signedIn.isSuccess()).isTrue();
    assertThat(signedIn.getUserId()).isEqualTo(userId(buyer));
    assertThat(signedIn.getAccessToken()).isNotBlank();
    assertThat(signedIn.getExpiresIn()).isNotBlank();

    AlipaySystemOauthTokenResponse again = token(code);
    assertThat(again.isSuccess()).isFalse();
    assertThat(again.getCode()).isEqualTo("40002");
    assertThat(again.getSubCode()).isEqualTo("isv.code-invalid");
    assertThat(again.getBody()).startsWith("{\"error_response\":");
    assertThat(token("unknown0code").getSubCode()).isEqualTo("isv.code-invalid");

    String expiring = authCode(buyer);
    advance(600);
    assertThat(token(expiring).getSubCode()).isEqualTo("isv.code-invalid");
  }

  @Test
  void endingTheRefundPeriodNotifiesTradeFinishedAndRefundsAreRefused() throws Exception {
    try (Receiver receiver = new Receiver()) {
      String out = unique("FIN");
      appPay(orderString(out, "2.00", receiver.url()), BUYER);
      String tradeNo = query(out).getTradeNo();

      HttpResponse<String> finished =
          sendJson("POST", base() + "/sandbox/api/trades/" + tradeNo + "/finish", "");
      assertThat(finished.statusCode()).isEqualTo(200);

      assertThat(query(out).getTradeStatus()).isEqualTo("TRADE_FINISHED");
      assertThat(receiver.received()).hasSize(2);
      assertThat(receiver.received().get(1)).containsEntry("trade_status", "TRADE_FINISHED");
      assertThat(
              AlipaySignature.rsaCheckV1(
                  new HashMap<>(receiver.received().get(1)),
                  app().alipayPublicKey(),
                  "UTF-8",
                  "RSA2"))
          .isTrue();
      AlipayTradeRefundRequest refund = new AlipayTradeRefundRequest();
      refund.setBizContent("{\"out_trade_no\":\"" + out + "\",\"refund_amount\":\"1.00\"}");
      AlipayTradeRefundResponse refused = sdk().execute(refund);
      assertThat(refused.getSubCode()).isEqualTo("ACQ.TRADE_HAS_FINISHED");
      assertThat(
              sendJson("POST", base() + "/sandbox/api/trades/" + tradeNo + "/finish", "")
                  .statusCode())
          .isEqualTo(409);
    }
  }

  /** The text of the response object, as Alipay signed it: from its { to the matching }. */
  private static String signedObject(String result) {
    int start = result.indexOf('{', result.indexOf("alipay_trade_app_pay_response"));
    int end = result.indexOf(",\"sign\":");
    return result.substring(start, end);
  }
}
