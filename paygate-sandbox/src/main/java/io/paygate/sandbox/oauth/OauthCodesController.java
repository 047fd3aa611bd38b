package io.paygate.sandbox.oauth;

import io.paygate.sandbox.apps.SandboxApps;
import io.paygate.sandbox.buyers.Buyer;
import io.paygate.sandbox.buyers.SandboxBuyers;
import io.paygate.sandbox.problems.Require;
import io.paygate.sandbox.problems.SandboxProblem;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Control API that plays the Alipay app signing a buyer in: {@code POST /sandbox/api/oauth/codes
 * {app_id, buyer_logon_id}} answers {@code {auth_code}}, what the Alipay app hands a mini-program
 * ({@code my.getAuthCode}) or an authorised page, for {@code alipay.system.oauth.token}.
 */
@RestController
public class OauthCodesController {

  private final OauthCodes codes;
  private final SandboxApps apps;
  private final SandboxBuyers buyers;

  public OauthCodesController(OauthCodes codes, SandboxApps apps, SandboxBuyers buyers) {
    this.codes = codes;
    this.apps = apps;
    this.buyers = buyers;
  }

  @PostMapping("/sandbox/api/oauth/codes")
  AuthCodeView issue(@RequestBody CodeRequest body) {
    String appId = Require.text(body.appId(), "app_id");
    if (apps.find(appId).isEmpty()) {
      throw SandboxProblem.notFound("APP_NOT_FOUND", "No app " + appId + ".");
    }
    String logonId = Require.text(body.buyerLogonId(), "buyer_logon_id");
    Buyer buyer =
        buyers
            .find(logonId)
            .orElseThrow(() -> SandboxProblem.notFound("BUYER_NOT_FOUND", "No such buyer."));
    return new AuthCodeView(codes.issue(appId, buyer.userId()), OauthCodes.LIFETIME.toSeconds());
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record CodeRequest(String appId, String buyerLogonId) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record AuthCodeView(String authCode, long expiresIn) {}
}
