package io.paygate.alipay.qr;

import com.alipay.api.response.AlipayTradePrecreateResponse;
import io.paygate.alipay.gateway.AnswerMapping;
import io.paygate.core.channel.ChannelError;
import io.paygate.core.channel.QrOutcome;

/** alipay.trade.precreate's answer as a {@link QrOutcome}. */
public final class PrecreateMapper
    implements AnswerMapping<AlipayTradePrecreateResponse, QrOutcome> {

  @Override
  public QrOutcome success(AlipayTradePrecreateResponse response) {
    String qrCode = response.getQrCode();
    // A success without its code cannot be shown to a buyer: as good as no answer.
    return qrCode == null || qrCode.isBlank()
        ? new QrOutcome.Unknown("the answer has no qr_code")
        : new QrOutcome.Created(qrCode);
  }

  @Override
  public QrOutcome uncertain(String reason) {
    return new QrOutcome.Unknown(reason);
  }

  @Override
  public QrOutcome refused(ChannelError error, String description) {
    return new QrOutcome.Refused(error);
  }

  @Override
  public String word(QrOutcome outcome) {
    if (outcome instanceof QrOutcome.Created) {
      return "ok";
    }
    return outcome instanceof QrOutcome.Refused ? "refused" : "unknown";
  }
}
