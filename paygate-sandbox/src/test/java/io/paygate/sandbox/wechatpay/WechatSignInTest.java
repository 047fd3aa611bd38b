package io.paygate.sandbox.wechatpay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * WeChat's web sign-in (网页授权, snsapi_base) through plain HTTP, as a shop's page and server do it:
 * the browser sent to {@code /connect/oauth2/authorize} comes back with a code, which the server
 * exchanges with the appid's AppSecret at {@code /sns/oauth2/access_token} for the payer's openid.
 */
class WechatSignInTest extends WechatPayTestSupport {

  private static final String BACK = "https://shop.example/wx/back?order=7";

  @Test
  void aSilentSignInGivesACodeForThePayersOpenidAtThatAppid() throws Exception {
    Merchant m = newMerchant("public_key");
    HttpResponse<String> page = authorize(m.appid(), "snsapi_base", "st-1", null);
    assertThat(page.statusCode()).isEqualTo(302);
    URI back = URI.create(page.headers().firstValue("Location").orElseThrow());
    assertThat(back.toString()).startsWith(BACK + "&code=").endsWith("&state=st-1");
    String code = param(back, "code");
    assertThat(code).matches("[0-9A-Za-z]{32}");

    JsonNode token = exchange(m.appid(), secret(m), code, "authorization_code");
    assertThat(token.get("openid").asString()).isEqualTo(openid(m.appid()));
    assertThat(token.get("scope").asString()).isEqualTo("snsapi_base");
    assertThat(token.get("expires_in").asLong()).isEqualTo(7200);
    assertThat(token.get("access_token").asString()).isNotBlank();
    assertThat(token.get("refresh_token").asString()).isNotBlank();
    assertThat(token.has("errcode")).isFalse();

    // Single use: the same code again is WeChat's 40163.
    JsonNode again = exchange(m.appid(), secret(m), code, "authorization_code");
    assertThat(again.get("errcode").asInt()).isEqualTo(40163);
    assertThat(again.get("errmsg").asString()).startsWith("code been used");
  }

  @Test
  void aCodeExpiresAfterFiveMinutesOfTheVirtualClock() throws Exception {
    Merchant m = newMerchant("public_key");
    String fresh = codeFor(m.appid());
    String stale = codeFor(m.appid());
    advanceClock(299);
    assertThat(exchange(m.appid(), secret(m), fresh, "authorization_code").has("openid")).isTrue();
    advanceClock(2);
    JsonNode expired = exchange(m.appid(), secret(m), stale, "authorization_code");
    assertThat(expired.get("errcode").asInt()).isEqualTo(40029);
    assertThat(expired.get("errmsg").asString()).startsWith("invalid code");
  }

  @Test
  void everyRefusalIsHttp200WithWechatsErrcode() throws Exception {
    Merchant m = newMerchant("public_key");
    Merchant other = newMerchant("public_key");
    String code = codeFor(m.appid());

    assertThat(
            exchange("wx0000000000000000", secret(m), code, "authorization_code")
                .get("errcode")
                .asInt())
        .isEqualTo(40013);
    assertThat(exchange(m.appid(), "", code, "authorization_code").get("errcode").asInt())
        .isEqualTo(41004);
    // Another appid's secret is not this one's.
    assertThat(
            exchange(m.appid(), secret(other), code, "authorization_code").get("errcode").asInt())
        .isEqualTo(40125);
    assertThat(exchange(m.appid(), secret(m), "", "authorization_code").get("errcode").asInt())
        .isEqualTo(41008);
    assertThat(exchange(m.appid(), secret(m), code, "client_credential").get("errcode").asInt())
        .isEqualTo(40002);
    // A code is its appid's: at another appid it is invalid, and it is not spent by the attempt.
    assertThat(
            exchange(other.appid(), secret(other), code, "authorization_code")
                .get("errcode")
                .asInt())
        .isEqualTo(40029);
    assertThat(
            exchange(m.appid(), secret(m), "NoSuchCode", "authorization_code")
                .get("errcode")
                .asInt())
        .isEqualTo(40029);
    assertThat(exchange(m.appid(), secret(m), code, "authorization_code").get("openid").asString())
        .isEqualTo(openid(m.appid()));
  }

  @Test
  void eachBoundAppidHasItsOwnSecretAndOpenid() throws Exception {
    Merchant m = newMerchant("public_key");
    JsonNode bound =
        json(postJson(base() + "/sandbox/wechatpay/api/merchants/" + m.mchid() + "/appids", ""));
    String second = bound.get("appids").get(1).asString();
    String secondSecret = bound.get("app_secrets").get(second).asString();
    assertThat(secondSecret).matches("[0-9a-f]{32}").isNotEqualTo(secret(m));
    assertThat(bound.get("app_secrets").get(m.appid()).asString()).isEqualTo(secret(m));

    JsonNode token = exchange(second, secondSecret, codeFor(second), "authorization_code");
    assertThat(token.get("openid").asString())
        .isEqualTo(openid(second))
        .isNotEqualTo(openid(m.appid()));
  }

  @Test
  void theConsentPageOfSnsapiUserinfoChoosesThePayerWithoutScript() throws Exception {
    Merchant m = newMerchant("public_key");
    HttpResponse<String> page = authorize(m.appid(), "snsapi_userinfo", "st-2", null);
    assertThat(page.statusCode()).isEqualTo(200);
    String openid = openid(m.appid());
    assertThat(page.body())
        .contains("method=\"get\"", "name=\"openid\"", "value=\"" + openid + "\"")
        .doesNotContain("<script");

    // The form submitted: the chosen payer's code.
    HttpResponse<String> chosen = authorize(m.appid(), "snsapi_userinfo", "st-2", openid);
    assertThat(chosen.statusCode()).isEqualTo(302);
    URI back = URI.create(chosen.headers().firstValue("Location").orElseThrow());
    JsonNode token = exchange(m.appid(), secret(m), param(back, "code"), "authorization_code");
    assertThat(token.get("scope").asString()).isEqualTo("snsapi_userinfo");
    assertThat(token.get("openid").asString()).isEqualTo(openid);
  }

  @Test
  void aBadAuthorizeRequestIsRefusedAndNoCodeIsIssued() throws Exception {
    Merchant m = newMerchant("public_key");
    assertThat(authorize("wx0000000000000000", "snsapi_base", "s", null).statusCode())
        .isEqualTo(404);
    assertThat(authorize(m.appid(), "snsapi_login", "s", null).statusCode()).isEqualTo(400);
    assertThat(authorize(m.appid(), "snsapi_base", "s", "oNotAPayerHere").statusCode())
        .isEqualTo(404);
    HttpResponse<String> relative =
        get(
            base()
                + "/sandbox/wechatpay/connect/oauth2/authorize?appid="
                + m.appid()
                + "&redirect_uri=%2Fback&response_type=code&scope=snsapi_base");
    assertThat(relative.statusCode()).isEqualTo(400);
    assertThat(json(relative).get("field").asString()).isEqualTo("redirect_uri");
  }

  private HttpResponse<String> authorize(String appid, String scope, String state, String openid)
      throws Exception {
    return get(
        base()
            + "/sandbox/wechatpay/connect/oauth2/authorize?appid="
            + appid
            + "&redirect_uri="
            + URLEncoder.encode(BACK, StandardCharsets.UTF_8)
            + "&response_type=code&scope="
            + scope
            + "&state="
            + state
            + (openid == null ? "" : "&openid=" + openid)
            + "#wechat_redirect");
  }

  private String codeFor(String appid) throws Exception {
    HttpResponse<String> page = authorize(appid, "snsapi_base", "s", null);
    return param(URI.create(page.headers().firstValue("Location").orElseThrow()), "code");
  }

  private JsonNode exchange(String appid, String secret, String code, String grantType)
      throws Exception {
    HttpResponse<String> answer =
        get(
            base()
                + "/sandbox/wechatpay/sns/oauth2/access_token?appid="
                + appid
                + "&secret="
                + secret
                + "&code="
                + code
                + "&grant_type="
                + grantType);
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/json");
    return json(answer);
  }

  /** The appid's AppSecret, as {@code GET /sandbox/wechatpay/api/merchants} shows it. */
  private String secret(Merchant m) throws Exception {
    for (JsonNode each : json(get(base() + "/sandbox/wechatpay/api/merchants"))) {
      if (each.get("mchid").asString().equals(m.mchid())) {
        return each.get("app_secret").asString();
      }
    }
    throw new AssertionError("no merchant " + m.mchid());
  }

  private static String param(URI uri, String name) {
    for (String pair : uri.getRawQuery().split("&")) {
      if (pair.startsWith(name + "=")) {
        return java.net.URLDecoder.decode(
            pair.substring(name.length() + 1), StandardCharsets.UTF_8);
      }
    }
    throw new AssertionError("no " + name + " in " + uri);
  }
}
