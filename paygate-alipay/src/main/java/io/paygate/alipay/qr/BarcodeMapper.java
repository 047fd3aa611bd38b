package io.paygate.alipay.qr;

import com.alipay.api.response.AlipayTradePayResponse;
import io.paygate.alipay.gateway.AnswerMapping;
import io.paygate.alipay.gateway.Classified;
import io.paygate.core.channel.BarcodeOutcome;
import io.paygate.core.channel.ChannelError;

/**
 * alipay.trade.pay's answer as a {@link BarcodeOutcome}: 10000 is paid, 10003 ({@link
 * Classified.InProcess}) is the buyer confirming on the phone. Waiting and no answer are handled
 * alike, as Alipay prescribes: ask about the trade, then cancel.
 */
public final class BarcodeMapper implements AnswerMapping<AlipayTradePayResponse, BarcodeOutcome> {

  @Override
  public BarcodeOutcome success(AlipayTradePayResponse response) {
    return new BarcodeOutcome.Paid();
  }

  @Override
  public BarcodeOutcome inProcess(AlipayTradePayResponse response) {
    return new BarcodeOutcome.Waiting();
  }

  @Override
  public BarcodeOutcome uncertain(String reason) {
    return new BarcodeOutcome.Unknown(reason);
  }

  @Override
  public BarcodeOutcome refused(ChannelError error, String description) {
    return new BarcodeOutcome.Refused(error);
  }

  @Override
  public String word(BarcodeOutcome outcome) {
    if (outcome instanceof BarcodeOutcome.Paid) {
      return "ok";
    }
    if (outcome instanceof BarcodeOutcome.Waiting) {
      return "waiting";
    }
    return outcome instanceof BarcodeOutcome.Refused ? "refused" : "unknown";
  }
}
