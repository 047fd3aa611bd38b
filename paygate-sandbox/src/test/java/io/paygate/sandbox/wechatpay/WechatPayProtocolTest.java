package io.paygate.sandbox.wechatpay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Requests verified as WeChat Pay verifies them, by a hand-written client (not the SDK): the signed
 * path with or without the {@code /sandbox/wechatpay} prefix, and every refusal.
 */
class WechatPayProtocolTest extends WechatPayTestSupport {

  @Test
  void aClientGivenTheBaseUrlSignsThePathWithThePrefix() throws Exception {
    Merchant m = newMerchant("public_key");
    String path = "/sandbox/wechatpay/v3/pay/transactions/out-trade-no/NONE_1?mchid=" + m.mchid();
    HttpResponse<String> answer = send(m, "GET", path, path, "", now(), m.serialNo());
    // Verified (else 401): the order is unknown.
    assertThat(answer.statusCode()).isEqualTo(404);
    assertThat(code(answer)).isEqualTo("ORDER_NOT_EXIST");
    assertThat(answer.headers().firstValue("Wechatpay-Signature")).isEmpty();
    assertThat(answer.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/json");
  }

  @Test
  void everyBrokenAuthorizationIsASignError() throws Exception {
    Merchant m = newMerchant("public_key");
    String path = "/sandbox/wechatpay/v3/pay/transactions/out-trade-no/NONE_2?mchid=" + m.mchid();
    String signedPath = path.substring("/sandbox/wechatpay".length());

    HttpResponse<String> ok = send(m, "GET", path, signedPath, "", now(), m.serialNo());
    assertThat(ok.statusCode()).isEqualTo(404);

    HttpResponse<String> stale = send(m, "GET", path, signedPath, "", now() - 301, m.serialNo());
    assertThat(stale.statusCode()).isEqualTo(401);
    assertThat(code(stale)).isEqualTo("SIGN_ERROR");

    HttpResponse<String> wrongSerial = send(m, "GET", path, signedPath, "", now(), "5157F09E");
    assertThat(wrongSerial.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(wrongSerial.body()).get("message").asString()).contains("序列号");

    // Signed over another path: neither the path as received nor without the prefix.
    HttpResponse<String> otherPath =
        send(m, "GET", path, "/v3/pay/transactions/out-trade-no/OTHER", "", now(), m.serialNo());
    assertThat(otherPath.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(otherPath.body()).at("/detail/field").asString())
        .isEqualTo("signature");

    HttpResponse<String> none =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base() + path))
                .header("Accept", "application/json")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(code(none)).isEqualTo("SIGN_ERROR");
  }

  @Test
  void theMchidOfTheBodyMustBeTheSigners() throws Exception {
    Merchant m = newMerchant("public_key");
    Merchant other = newMerchant("public_key");
    String path = "/sandbox/wechatpay/v3/pay/transactions/native";
    String body =
        "{\"appid\":\""
            + m.appid()
            + "\",\"mchid\":\""
            + other.mchid()
            + "\",\"description\":\"x\",\"out_trade_no\":\""
            + unique("M")
            + "\",\"notify_url\":\"https://shop.example/n\",\"amount\":{\"total\":1}}";
    HttpResponse<String> answer = send(m, "POST", path, path, body, now(), m.serialNo());
    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(code(answer)).isEqualTo("INVALID_REQUEST");
  }

  @Test
  void amountsAreWholeFen() throws Exception {
    Merchant m = newMerchant("public_key");
    String path = "/sandbox/wechatpay/v3/pay/transactions/native";
    String body =
        "{\"appid\":\""
            + m.appid()
            + "\",\"mchid\":\""
            + m.mchid()
            + "\",\"description\":\"x\",\"out_trade_no\":\""
            + unique("M")
            + "\",\"notify_url\":\"https://shop.example/n\",\"amount\":{\"total\":1.5}}";
    HttpResponse<String> answer = send(m, "POST", path, path, body, now(), m.serialNo());
    assertThat(answer.statusCode()).isEqualTo(400);
    JsonNode error = JSON.readTree(answer.body());
    assertThat(error.get("code").asString()).isEqualTo("PARAM_ERROR");
    assertThat(error.at("/detail/field").asString()).isEqualTo("/amount/total");
  }

  private HttpResponse<String> send(
      Merchant m,
      String method,
      String path,
      String signedPath,
      String body,
      long ts,
      String serial)
      throws Exception {
    String nonce = UUID.randomUUID().toString().replace("-", "");
    String message = method + "\n" + signedPath + "\n" + ts + "\n" + nonce + "\n" + body + "\n";
    Signature signer = Signature.getInstance("SHA256withRSA");
    signer.initSign(
        KeyFactory.getInstance("RSA")
            .generatePrivate(
                new PKCS8EncodedKeySpec(
                    Base64.getMimeDecoder()
                        .decode(m.privateKey().replaceAll("-----[A-Z ]+-----", "")))));
    signer.update(message.getBytes(StandardCharsets.UTF_8));
    String authorization =
        "WECHATPAY2-SHA256-RSA2048 mchid=\""
            + m.mchid()
            + "\",nonce_str=\""
            + nonce
            + "\",signature=\""
            + Base64.getEncoder().encodeToString(signer.sign())
            + "\",timestamp=\""
            + ts
            + "\",serial_no=\""
            + serial
            + "\"";
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base() + path))
            .header("Accept", "application/json")
            .header("Authorization", authorization);
    if (method.equals("GET")) {
      request.GET();
    } else {
      request
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body));
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static long now() {
    return Instant.now().getEpochSecond();
  }

  private static String code(HttpResponse<String> answer) throws Exception {
    return JSON.readTree(answer.body()).get("code").asString();
  }
}
