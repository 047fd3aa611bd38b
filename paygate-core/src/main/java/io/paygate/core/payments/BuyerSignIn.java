package io.paygate.core.payments;

import io.paygate.core.channel.Buyer;
import io.paygate.core.channel.Channels;
import io.paygate.core.channel.PaymentChannel;
import io.paygate.core.channel.SignInOutcome;
import io.paygate.core.errors.ErrorCode;
import io.paygate.core.errors.PayGateException;

/**
 * Buyer sign-in for JSAPI payments: the auth code the provider's app hands a mini-program or an
 * authorised page, exchanged by PayGate (which holds the app's keys) for who the buyer is to that
 * app. Nothing is stored.
 */
public final class BuyerSignIn {

  private final Channels channels;

  public BuyerSignIn(Channels channels) {
    this.channels = channels;
  }

  /** At the default channel. */
  public Buyer signIn(String app, String authCode) {
    return signIn(channels.defaultId(), app, authCode);
  }

  /**
   * @param channelId the id of the channel whose app issued the code
   * @param app the merchant's app the code was issued for, or null for the default app
   * @throws io.paygate.core.channel.UnknownChannelException for a channel not configured
   */
  public Buyer signIn(String channelId, String app, String authCode) {
    PaymentChannel channel = channels.of(channelId);
    if (authCode == null || authCode.isBlank()) {
      throw PayGateException.invalid("auth_code", "auth_code is required");
    }
    if (authCode.length() > 128) {
      throw PayGateException.invalid("auth_code", "auth_code is at most 128 characters");
    }
    String chosen = PaymentRules.chooseApp(channel.apps(), app, null);
    SignInOutcome outcome = channel.signIn(chosen, authCode.strip());
    if (outcome instanceof SignInOutcome.SignedIn signedIn) {
      return signedIn.buyer();
    }
    if (outcome instanceof SignInOutcome.Refused refused) {
      throw PayGateException.channelRejected("the sign-in", refused.error());
    }
    throw new PayGateException(
        ErrorCode.CHANNEL_UNAVAILABLE,
        "the channel did not answer the sign-in; ask again with a new auth_code: "
            + ((SignInOutcome.Unknown) outcome).reason());
  }
}
