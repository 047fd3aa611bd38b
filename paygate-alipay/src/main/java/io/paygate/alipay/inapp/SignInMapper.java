package io.paygate.alipay.inapp;

import com.alipay.api.response.AlipaySystemOauthTokenResponse;
import io.paygate.alipay.gateway.AnswerMapping;
import io.paygate.core.channel.Buyer;
import io.paygate.core.channel.ChannelError;
import io.paygate.core.channel.SignInOutcome;

/**
 * alipay.system.oauth.token's answer as a {@link SignInOutcome}: the buyer's user_id, or open_id
 * for an app in OpenID mode. The access token is not kept: PayGate asks nothing on the buyer's
 * behalf.
 */
public final class SignInMapper
    implements AnswerMapping<AlipaySystemOauthTokenResponse, SignInOutcome> {

  @Override
  public SignInOutcome success(AlipaySystemOauthTokenResponse response) {
    String userId = blankToNull(response.getUserId());
    String openId = blankToNull(response.getOpenId());
    if (userId != null) {
      return new SignInOutcome.SignedIn(Buyer.byUserId(userId));
    }
    return openId != null
        ? new SignInOutcome.SignedIn(Buyer.byOpenId(openId))
        : new SignInOutcome.Unknown("the answer names no user_id or open_id");
  }

  @Override
  public SignInOutcome uncertain(String reason) {
    return new SignInOutcome.Unknown(reason);
  }

  @Override
  public SignInOutcome refused(ChannelError error, String description) {
    return new SignInOutcome.Refused(error);
  }

  @Override
  public String word(SignInOutcome outcome) {
    if (outcome instanceof SignInOutcome.SignedIn) {
      return "ok";
    }
    return outcome instanceof SignInOutcome.Refused ? "refused" : "unknown";
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
