package io.paygate.sandbox.wechatpay.oauth;

import io.paygate.sandbox.wechatpay.merchants.WxMerchants;
import io.paygate.sandbox.wechatpay.payers.Payer;
import io.paygate.sandbox.wechatpay.payers.WxPayers;
import io.paygate.sandbox.wechatpay.wire.WxIds;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * WeChat's code exchange of the web sign-in, where {@code api.weixin.qq.com} has it: {@code GET
 * /sandbox/wechatpay/sns/oauth2/access_token?appid&secret&code&grant_type=authorization_code}
 * answers {@code {access_token, expires_in: 7200, refresh_token, openid, scope}}. Every refusal is
 * HTTP 200 with {@code {errcode, errmsg}}, as WeChat answers: 40013 invalid appid, 41004 appsecret
 * missing, 40125 invalid appsecret, 41008 missing code, 40002 invalid grant_type, 40029 invalid
 * code (unknown, expired, another appid's), 40163 code been used. The tokens are not kept: the
 * sandbox has no user-info API to spend them on.
 *
 * <p>Per WeChat's 网页授权 document, step 2 (通过code换取网页授权access_token):
 * https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/Wechat_webpage_authorization.html
 * (wechatpay-java has no client for this API: it is the Official Accounts platform's, not Pay's).
 */
@RestController
public class AccessTokenController {

  private static final long ACCESS_SECONDS = 7200;

  private final WxMerchants merchants;
  private final WxPayers payers;
  private final WxOauthCodes codes;

  public AccessTokenController(WxMerchants merchants, WxPayers payers, WxOauthCodes codes) {
    this.merchants = merchants;
    this.payers = payers;
    this.codes = codes;
  }

  @GetMapping("/sandbox/wechatpay/sns/oauth2/access_token")
  ResponseEntity<Map<String, Object>> exchange(
      @RequestParam(required = false) String appid,
      @RequestParam(required = false) String secret,
      @RequestParam(required = false) String code,
      @RequestParam(name = "grant_type", required = false) String grantType) {
    Optional<String> expected = merchants.appSecret(appid);
    if (expected.isEmpty()) {
      return error(40013, "invalid appid");
    }
    if (secret == null || secret.isEmpty()) {
      return error(41004, "appsecret missing");
    }
    if (!MessageDigest.isEqual(
        expected.get().getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8))) {
      return error(40125, "invalid appsecret");
    }
    if (code == null || code.isEmpty()) {
      return error(41008, "missing code");
    }
    if (!"authorization_code".equals(grantType)) {
      return error(40002, "invalid grant_type");
    }
    WxOauthCodes.Taken taken = codes.take(appid, code);
    if (taken instanceof WxOauthCodes.AlreadyUsed) {
      return error(40163, "code been used");
    }
    if (!(taken instanceof WxOauthCodes.Payer signedIn)) {
      return error(40029, "invalid code");
    }
    Optional<Payer> payer = payers.find(signedIn.payerId());
    if (payer.isEmpty()) {
      return error(40029, "invalid code");
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("access_token", WxIds.alnum(88));
    answer.put("expires_in", ACCESS_SECONDS);
    answer.put("refresh_token", WxIds.alnum(88));
    answer.put("openid", WxPayers.openid(appid, payer.get()));
    answer.put("scope", signedIn.scope());
    return json(answer);
  }

  /** WeChat's error answer: HTTP 200, its errmsg followed by a request id (rid). */
  private static ResponseEntity<Map<String, Object>> error(int errcode, String errmsg) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("errcode", errcode);
    answer.put("errmsg", errmsg + ", rid: " + WxIds.hex(8) + "-" + WxIds.hex(8));
    return json(answer);
  }

  private static ResponseEntity<Map<String, Object>> json(Map<String, Object> answer) {
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .header("Cache-Control", "no-store")
        .body(answer);
  }
}
