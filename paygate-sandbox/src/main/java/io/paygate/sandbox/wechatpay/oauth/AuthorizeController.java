package io.paygate.sandbox.wechatpay.oauth;

import io.paygate.sandbox.problems.SandboxProblem;
import io.paygate.sandbox.wechatpay.merchants.WxMerchants;
import io.paygate.sandbox.wechatpay.payers.Payer;
import io.paygate.sandbox.wechatpay.payers.WxPayers;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Plays WeChat's in-app browser signing a payer in to a shop's page (网页授权), where {@code
 * open.weixin.qq.com} has it: {@code GET /sandbox/wechatpay/connect/oauth2/authorize
 * ?appid&redirect_uri&response_type=code&scope&state}. {@code snsapi_base} asks the payer nothing,
 * as in WeChat: the browser goes straight back to {@code redirect_uri?code=…&state=…} for the payer
 * named by the sandbox's {@code openid} parameter (their openid at this appid) or else the default
 * payer. {@code snsapi_userinfo} shows a consent page choosing the payer (a plain GET form, no
 * script). The code is good once, for 5 minutes of the virtual clock.
 *
 * <p>Per WeChat's 网页授权 document, step 1 (用户同意授权，获取code):
 * https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/Wechat_webpage_authorization.html
 */
@Controller
public class AuthorizeController {

  private static final Set<String> SCOPES = Set.of("snsapi_base", "snsapi_userinfo");

  private final WxMerchants merchants;
  private final WxPayers payers;
  private final WxOauthCodes codes;

  public AuthorizeController(WxMerchants merchants, WxPayers payers, WxOauthCodes codes) {
    this.merchants = merchants;
    this.payers = payers;
    this.codes = codes;
  }

  @GetMapping("/sandbox/wechatpay/connect/oauth2/authorize")
  Object authorize(
      @RequestParam(required = false) String appid,
      @RequestParam(name = "redirect_uri", required = false) String redirectUri,
      @RequestParam(name = "response_type", required = false) String responseType,
      @RequestParam(required = false) String scope,
      @RequestParam(required = false) String state,
      @RequestParam(required = false) String openid,
      Model model) {
    // Every bound appid has its AppSecret: one lookup says whether the appid is a merchant's.
    if (merchants.appSecret(appid).isEmpty()) {
      throw SandboxProblem.notFound("APPID_NOT_FOUND", "No merchant has the appid " + appid + ".");
    }
    URI back = redirect(redirectUri);
    if (!"code".equals(responseType)) {
      throw SandboxProblem.badRequest(
          "INVALID_PARAMETER", "response_type is code", "response_type");
    }
    if (scope == null || !SCOPES.contains(scope)) {
      throw SandboxProblem.badRequest(
          "INVALID_PARAMETER", "scope is snsapi_base or snsapi_userinfo", "scope");
    }
    Payer payer;
    if (openid != null && !openid.isBlank()) {
      payer =
          payers
              .byOpenid(appid, openid.strip())
              .orElseThrow(
                  () ->
                      SandboxProblem.notFound(
                          "PAYER_NOT_FOUND", "No payer has this openid at " + appid + "."));
    } else if (scope.equals("snsapi_base")) {
      payer = payers.defaultPayer();
    } else {
      model.addAttribute("appid", appid);
      model.addAttribute("redirectUri", redirectUri);
      model.addAttribute("scope", scope);
      model.addAttribute("state", state);
      model.addAttribute("payers", choices(appid));
      return "sandbox/wechatpay-authorize";
    }
    String to =
        back
            + (back.getRawQuery() == null ? "?" : "&")
            + "code="
            + encode(codes.issue(appid, payer.id(), scope))
            + (state == null ? "" : "&state=" + encode(state));
    return ResponseEntity.status(HttpStatus.FOUND)
        .location(URI.create(to))
        .header("Cache-Control", "no-store")
        .build();
  }

  /** A payer as the consent page offers them: by name, with their openid at this appid. */
  public record Choice(String openid, String name) {}

  private List<Choice> choices(String appid) {
    return payers.all().stream().map(p -> new Choice(WxPayers.openid(appid, p), p.name())).toList();
  }

  private static URI redirect(String redirectUri) {
    try {
      URI uri = URI.create(redirectUri == null ? "" : redirectUri);
      if (uri.isAbsolute()
          && uri.getRawFragment() == null
          && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
        return uri;
      }
    } catch (IllegalArgumentException notAUri) {
      // answered below
    }
    throw SandboxProblem.badRequest(
        "INVALID_PARAMETER", "redirect_uri is an absolute http(s) URL", "redirect_uri");
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
