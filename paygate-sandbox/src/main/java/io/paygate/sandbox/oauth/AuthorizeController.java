package io.paygate.sandbox.oauth;

import io.paygate.sandbox.apps.SandboxApps;
import io.paygate.sandbox.buyers.Buyer;
import io.paygate.sandbox.buyers.SandboxBuyers;
import io.paygate.sandbox.problems.SandboxProblem;
import java.net.URI;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Plays the Alipay app's page sign-in (OAuth): {@code GET /sandbox/oauth2/publicAppAuthorize.htm
 * ?app_id&scope&redirect_uri&state}, where Alipay's {@code openauth} host has it, beside the
 * gateway. The buyer "inside the app" is chosen on the page (or named by {@code buyer_logon_id});
 * the browser goes back to {@code redirect_uri} with {@code app_id}, {@code source}, {@code scope},
 * {@code auth_code} (single use, for {@code alipay.system.oauth.token}) and {@code state}, as
 * Alipay's app sends it. {@code auth_base} asks the buyer nothing; {@code auth_user} is taken too.
 *
 * <p>Per Alipay's web sign-in guide (网页授权获取用户信息): https://opendocs.alipay.com/open/284/web
 */
@Controller
public class AuthorizeController {

  private final OauthCodes codes;
  private final SandboxApps apps;
  private final SandboxBuyers buyers;

  public AuthorizeController(OauthCodes codes, SandboxApps apps, SandboxBuyers buyers) {
    this.codes = codes;
    this.apps = apps;
    this.buyers = buyers;
  }

  @GetMapping("/sandbox/oauth2/publicAppAuthorize.htm")
  Object authorize(
      @RequestParam(name = "app_id", required = false) String appId,
      @RequestParam(required = false) String scope,
      @RequestParam(name = "redirect_uri", required = false) String redirectUri,
      @RequestParam(required = false) String state,
      @RequestParam(name = "buyer_logon_id", required = false) String logonId,
      Model model) {
    if (appId == null || apps.find(appId).isEmpty()) {
      throw SandboxProblem.notFound("APP_NOT_FOUND", "No app " + appId + ".");
    }
    if (!"auth_base".equals(scope) && !"auth_user".equals(scope)) {
      throw SandboxProblem.badRequest(
          "INVALID_PARAMETER", "scope is auth_base or auth_user", "scope");
    }
    URI back = redirect(redirectUri);
    if (logonId == null || logonId.isBlank()) {
      model.addAttribute("appId", appId);
      model.addAttribute("scope", scope);
      model.addAttribute("redirectUri", redirectUri);
      model.addAttribute("state", state);
      model.addAttribute("buyers", buyers.all());
      return "sandbox/authorize";
    }
    Optional<Buyer> buyer = buyers.find(logonId.strip());
    if (buyer.isEmpty()) {
      throw SandboxProblem.notFound("BUYER_NOT_FOUND", "No such buyer.");
    }
    UriComponentsBuilder to =
        UriComponentsBuilder.fromUri(back)
            .queryParam("app_id", appId)
            .queryParam("source", "alipay_wallet")
            .queryParam("scope", scope)
            .queryParam("auth_code", codes.issue(appId, buyer.get().userId()));
    if (state != null) {
      to.queryParam("state", state);
    }
    return ResponseEntity.status(HttpStatus.FOUND)
        .location(to.encode().build().toUri())
        .header("Cache-Control", "no-store")
        .build();
  }

  private static URI redirect(String redirectUri) {
    try {
      URI uri = URI.create(redirectUri == null ? "" : redirectUri);
      if (uri.isAbsolute() && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
        return uri;
      }
    } catch (IllegalArgumentException notAUri) {
      // answered below
    }
    throw SandboxProblem.badRequest(
        "INVALID_PARAMETER", "redirect_uri is an absolute http(s) URL", "redirect_uri");
  }
}
