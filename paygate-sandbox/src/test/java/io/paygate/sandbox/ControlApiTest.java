package io.paygate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.request.AlipayTradeQueryRequest;
import io.paygate.sandbox.signing.RsaKeys;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ControlApiTest extends SandboxTestSupport {

  @Test
  void appsListTheDefaultAppWithKeysAndGateway() throws Exception {
    JsonNode list = json(get(base() + "/sandbox/api/apps"));

    JsonNode first = list.get(0);
    assertThat(first.get("app_id").asString()).isEqualTo(app().appId());
    assertThat(first.get("app_private_key").asString()).isEqualTo(app().appPrivateKey());
    assertThat(first.get("alipay_public_key").asString()).isNotEqualTo(app().appPublicKey());
    assertThat(first.get("gateway_url").asString()).isEqualTo(gatewayUrl());
  }

  @Test
  void aMerchantRegistersItsOwnKeyAndTheSdkWorksWithIt() throws Exception {
    RsaKeys.EncodedKeyPair merchant = RsaKeys.generate();

    HttpResponse<String> created =
        sendJson(
            "POST",
            base() + "/sandbox/api/apps",
            "{\"app_public_key\":\"" + merchant.publicKey() + "\",\"name\":\"shop\"}");

    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode app = json(created);
    assertThat(app.has("app_private_key")).isFalse();
    DefaultAlipayClient client =
        new DefaultAlipayClient(
            app.get("gateway_url").asString(),
            app.get("app_id").asString(),
            merchant.privateKey(),
            "json",
            "UTF-8",
            app.get("alipay_public_key").asString(),
            "RSA2");
    AlipayTradeQueryRequest query = new AlipayTradeQueryRequest();
    query.setBizContent("{\"out_trade_no\":\"NOPE\"}");
    assertThat(client.execute(query).getSubCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");
  }

  @Test
  void badAppKeyIsAProblemDetail() throws Exception {
    HttpResponse<String> response =
        sendJson("POST", base() + "/sandbox/api/apps", "{\"app_public_key\":\"not-a-key\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(json(response).get("code").asString()).isEqualTo("INVALID_PUBLIC_KEY");
  }

  @Test
  void malformedJsonIsAProblemDetailNotA500() throws Exception {
    HttpResponse<String> response = sendJson("POST", base() + "/sandbox/api/buyers", "{oops");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("code").asString()).isEqualTo("MALFORMED_BODY");
  }

  @Test
  void buyersAreCreatedListedAndFunded() throws Exception {
    String logon = unique("b") + "@example.com";
    HttpResponse<String> created =
        sendJson(
            "POST",
            base() + "/sandbox/api/buyers",
            "{\"logon_id\":\"" + logon + "\",\"pay_password\":\"123456\",\"balance\":\"10.5\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(json(created).get("balance").asString()).isEqualTo("10.50");
    assertThat(json(created).get("user_id").asString()).startsWith("2088").hasSize(16);

    HttpResponse<String> again =
        sendJson(
            "POST",
            base() + "/sandbox/api/buyers",
            "{\"logon_id\":\"" + logon + "\",\"pay_password\":\"1\",\"balance\":\"1\"}");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(json(again).get("code").asString()).isEqualTo("BUYER_EXISTS");

    HttpResponse<String> funded =
        sendJson(
            "PUT", base() + "/sandbox/api/buyers/" + logon + "/balance", "{\"balance\":\"99.99\"}");
    assertThat(json(funded).get("balance").asString()).isEqualTo("99.99");

    HttpResponse<String> negative =
        sendJson(
            "PUT", base() + "/sandbox/api/buyers/" + logon + "/balance", "{\"balance\":\"-1\"}");
    assertThat(negative.statusCode()).isEqualTo(400);
    assertThat(json(negative).get("code").asString()).isEqualTo("INVALID_AMOUNT");

    HttpResponse<String> unknown =
        sendJson("PUT", base() + "/sandbox/api/buyers/nobody/balance", "{\"balance\":\"1\"}");
    assertThat(unknown.statusCode()).isEqualTo(404);

    JsonNode list = json(get(base() + "/sandbox/api/buyers"));
    assertThat(list.findValuesAsString("logon_id")).contains(logon, "buyer@sandbox.paygate");
  }
}
