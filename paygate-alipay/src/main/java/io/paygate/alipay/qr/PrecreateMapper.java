package io.paygate.alipay.qr;

import com.alipay.api.response.AlipayTradePrecreateResponse;
import io.paygate.alipay.gateway.AnswerMapping;
import io.paygate.core.channel.ChannelError;
import io.paygate.core.channel.Checkout;
import io.paygate.core.channel.CheckoutOutcome;

/** alipay.trade.precreate's answer as a {@link CheckoutOutcome}: a QR code when opened. */
public final class PrecreateMapper
    implements AnswerMapping<AlipayTradePrecreateResponse, CheckoutOutcome> {

  @Override
  public CheckoutOutcome success(AlipayTradePrecreateResponse response) {
    String qrCode = response.getQrCode();
    // A success without its code cannot be shown to a buyer: as good as no answer.
    return qrCode == null || qrCode.isBlank()
        ? new CheckoutOutcome.Unknown("the answer has no qr_code")
        : new CheckoutOutcome.Opened(new Checkout.QrCode(qrCode));
  }

  @Override
  public CheckoutOutcome uncertain(String reason) {
    return new CheckoutOutcome.Unknown(reason);
  }

  @Override
  public CheckoutOutcome refused(ChannelError error, String description) {
    return new CheckoutOutcome.Refused(error);
  }

  @Override
  public String word(CheckoutOutcome outcome) {
    if (outcome instanceof CheckoutOutcome.Opened) {
      return "ok";
    }
    return outcome instanceof CheckoutOutcome.Refused ? "refused" : "unknown";
  }
}
