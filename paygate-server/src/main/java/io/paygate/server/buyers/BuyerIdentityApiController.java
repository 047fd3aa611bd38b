package io.paygate.server.buyers;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.paygate.core.channel.Buyer;
import io.paygate.core.payments.BuyerSignIn;
import io.paygate.core.payments.PaymentRules;
import io.paygate.core.payments.PaymentService;
import io.paygate.server.api.ApiController;
import io.paygate.server.api.WriteScope;
import io.paygate.server.apikeys.AppAccess;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Buyer sign-in for JSAPI payments: {@code POST /api/v1/buyer-identities {auth_code, app?}} turns
 * the auth code Alipay's app handed a mini-program or an authorised page into {@code buyer_id} (or
 * {@code buyer_open_id} for an app in OpenID mode), so the shop's front end never holds the app's
 * keys. Nothing is stored; a code is good once (a spent or unknown one is 422 {@code
 * CHANNEL_REJECTED} with Alipay's {@code isv.code-invalid}).
 */
@ApiController
public class BuyerIdentityApiController {

  private final BuyerSignIn signIn;
  private final PaymentService payments;

  public BuyerIdentityApiController(BuyerSignIn signIn, PaymentService payments) {
    this.signIn = signIn;
    this.payments = payments;
  }

  @WriteScope
  @PostMapping("/api/v1/buyer-identities")
  public BuyerIdentityView identify(
      @RequestBody BuyerIdentityRequest request, HttpServletRequest http) {
    String app = PaymentRules.chooseApp(payments.apps(), request.app(), null);
    AppAccess.mayUse(http, app);
    Buyer buyer = signIn.signIn(app, request.authCode());
    return new BuyerIdentityView(app, buyer.userId(), buyer.openId());
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record BuyerIdentityRequest(String authCode, String app) {}

  /** The buyer as the app knows them: exactly one of the two ids. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record BuyerIdentityView(String app, String buyerId, String buyerOpenId) {}
}
