package io.paygate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alipay.api.AlipayApiException;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.request.AlipayTradeQueryRequest;
import com.alipay.api.response.AlipayTradeQueryResponse;
import io.paygate.sandbox.apps.DefaultAppCredentials;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class GatewayProtocolTest extends SandboxTestSupport {

  @Test
  void sdkQueryOfUnknownTradeGetsSignedTradeNotExist() throws Exception {
    AlipayTradeQueryRequest request = new AlipayTradeQueryRequest();
    request.setBizContent("{\"out_trade_no\":\"" + unique("NONE") + "\"}");

    AlipayTradeQueryResponse response = sdk().execute(request);

    assertThat(response.isSuccess()).isFalse();
    assertThat(response.getCode()).isEqualTo("40004");
    assertThat(response.getSubCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");
  }

  @Test
  void responseSignedWithAnotherKeyMakesTheSdkThrow() throws Exception {
    DefaultAppCredentials app = app();
    String otherAlipayKey =
        apps.all().stream()
            .filter(a -> !a.appId().equals(app.appId()))
            .findFirst()
            .map(a -> a.alipayPublicKey())
            .orElseGet(() -> registerOtherApp());
    DefaultAlipayClient wrongKey =
        new DefaultAlipayClient(
            gatewayUrl(),
            app.appId(),
            app.appPrivateKey(),
            "json",
            "UTF-8",
            otherAlipayKey,
            "RSA2");
    AlipayTradeQueryRequest request = new AlipayTradeQueryRequest();
    request.setBizContent("{\"out_trade_no\":\"X1\"}");

    assertThatThrownBy(() -> wrongKey.execute(request))
        .isInstanceOf(AlipayApiException.class)
        .hasMessageContaining("sign check fail");
  }

  private String registerOtherApp() {
    return apps.register(app().appPublicKey(), "other").alipayPublicKey();
  }

  @Test
  void gbkRequestsAreDecodedWithTheirOwnCharset() throws Exception {
    DefaultAppCredentials app = app();
    DefaultAlipayClient gbk =
        new DefaultAlipayClient(
            gatewayUrl(),
            app.appId(),
            app.appPrivateKey(),
            "json",
            "GBK",
            app.alipayPublicKey(),
            "RSA2");
    AlipayTradeQueryRequest request = new AlipayTradeQueryRequest();
    request.setBizContent("{\"out_trade_no\":\"订单_不存在\"}");

    AlipayTradeQueryResponse response = gbk.execute(request);

    assertThat(response.getSubCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");
  }

  @Test
  void legacyRsaSignaturesWorkBothWays() throws Exception {
    DefaultAppCredentials app = app();
    DefaultAlipayClient rsa =
        new DefaultAlipayClient(
            gatewayUrl(),
            app.appId(),
            app.appPrivateKey(),
            "json",
            "UTF-8",
            app.alipayPublicKey(),
            "RSA");
    AlipayTradeQueryRequest request = new AlipayTradeQueryRequest();
    request.setBizContent("{\"trade_no\":\"2026000000\"}");

    assertThat(rsa.execute(request).getSubCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");
  }

  @Test
  void tamperedSignatureIsRefusedWithASignedInvalidSignature() throws Exception {
    Map<String, String> params = signedParams("alipay.trade.query", "{\"out_trade_no\":\"T1\"}");
    params.put("biz_content", "{\"out_trade_no\":\"T2\"}");

    JsonNode body = json(postForm(gatewayUrl(), params));

    JsonNode response = body.get("alipay_trade_query_response");
    assertThat(response.get("code").asString()).isEqualTo("40002");
    assertThat(response.get("msg").asString()).isEqualTo("Invalid Arguments");
    assertThat(response.get("sub_code").asString()).isEqualTo("isv.invalid-signature");
    assertThat(body.has("sign")).isTrue();
  }

  @Test
  void unknownAppIdIsRefusedUnsigned() throws Exception {
    Map<String, String> params = signedParams("alipay.trade.query", "{\"out_trade_no\":\"T1\"}");
    params.put("app_id", "2021000999999999");
    sign(params, app().appPrivateKey());

    JsonNode body = json(postForm(gatewayUrl(), params));

    assertThat(body.get("alipay_trade_query_response").get("sub_code").asString())
        .isEqualTo("isv.invalid-app-id");
    assertThat(body.has("sign")).isFalse();
  }

  @Test
  void unsignedRequestIsMissingSignature() throws Exception {
    Map<String, String> params = signedParams("alipay.trade.query", "{\"out_trade_no\":\"T1\"}");
    params.remove("sign");

    JsonNode response = json(postForm(gatewayUrl(), params)).get("alipay_trade_query_response");

    assertThat(response.get("code").asString()).isEqualTo("40001");
    assertThat(response.get("sub_code").asString()).isEqualTo("isv.missing-signature");
  }

  @Test
  void missingProtocolParametersAreNamed() throws Exception {
    for (var missing :
        Map.of(
                "sign_type", "isv.missing-signature-type",
                "timestamp", "isv.missing-timestamp",
                "version", "isv.missing-version",
                "app_id", "isv.missing-app-id")
            .entrySet()) {
      Map<String, String> params = signedParams("alipay.trade.query", "{}");
      params.remove(missing.getKey());

      JsonNode response = json(postForm(gatewayUrl(), params)).get("alipay_trade_query_response");

      assertThat(response.get("sub_code").asString()).isEqualTo(missing.getValue());
      assertThat(response.get("code").asString()).isEqualTo("40001");
    }
  }

  @Test
  void methodErrorsUseErrorResponse() throws Exception {
    Map<String, String> params = signedParams("alipay.trade.query", "{}");
    params.remove("method");
    assertThat(
            json(postForm(gatewayUrl(), params)).get("error_response").get("sub_code").asString())
        .isEqualTo("isv.missing-method");

    Map<String, String> unknown = signedParams("alipay.no.such.api", "{}");
    assertThat(
            json(postForm(gatewayUrl(), unknown)).get("error_response").get("sub_code").asString())
        .isEqualTo("isv.invalid-method");
  }

  @Test
  void invalidProtocolValuesAreRefused() throws Exception {
    Map<String, String> badTime = signedParams("alipay.trade.query", "{}");
    badTime.put("timestamp", "yesterday");
    sign(badTime, app().appPrivateKey());
    assertThat(subCode(postForm(gatewayUrl(), badTime))).isEqualTo("isv.invalid-timestamp");

    Map<String, String> badType = signedParams("alipay.trade.query", "{}");
    badType.put("sign_type", "MD5");
    assertThat(subCode(postForm(gatewayUrl(), badType))).isEqualTo("isv.invalid-signature-type");

    Map<String, String> badCharset = signedParams("alipay.trade.query", "{}");
    badCharset.put("charset", "latin-9");
    assertThat(subCode(postForm(gatewayUrl(), badCharset))).isEqualTo("isv.invalid-charset");

    Map<String, String> badFormat = signedParams("alipay.trade.query", "{}");
    badFormat.put("format", "xml");
    sign(badFormat, app().appPrivateKey());
    assertThat(subCode(postForm(gatewayUrl(), badFormat))).isEqualTo("isv.invalid-format");

    Map<String, String> badBiz = signedParams("alipay.trade.query", "{not json");
    assertThat(subCode(postForm(gatewayUrl(), badBiz))).isEqualTo("isv.invalid-parameter");

    Map<String, String> noKeys = signedParams("alipay.trade.query", "{}");
    assertThat(subCode(postForm(gatewayUrl(), noKeys))).isEqualTo("ACQ.INVALID_PARAMETER");
  }

  @Test
  void getWithEverythingInTheQueryStringWorks() throws Exception {
    Map<String, String> params = signedParams("alipay.trade.query", "{\"out_trade_no\":\"G1\"}");

    HttpResponse<String> response = get(gatewayUrl() + "?" + form(params));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/json");
    assertThat(subCode(response)).isEqualTo("ACQ.TRADE_NOT_EXIST");
  }

  private static String subCode(HttpResponse<String> response) {
    return json(response).get("alipay_trade_query_response").get("sub_code").asString();
  }
}
