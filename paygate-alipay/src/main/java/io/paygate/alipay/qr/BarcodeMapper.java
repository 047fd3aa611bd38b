package io.paygate.alipay.qr;

import com.alipay.api.response.AlipayTradePayResponse;
import io.paygate.alipay.gateway.AnswerMapping;
import io.paygate.core.channel.BarcodeOutcome;
import io.paygate.core.channel.ChannelError;

/**
 * alipay.trade.pay's answer as a {@link BarcodeOutcome}. A 10003 (the buyer must confirm on the
 * phone) has no sub_code and is not 10000, so the pipeline classifies it uncertain, with the
 * answer's description, which starts with its code; it is told apart here as waiting. (The SDK's
 * own {@code isSuccess()} would call it a success: it looks at sub_code only.) Waiting and no
 * answer are handled alike, as Alipay prescribes: ask about the trade, then cancel.
 */
public final class BarcodeMapper implements AnswerMapping<AlipayTradePayResponse, BarcodeOutcome> {

  @Override
  public BarcodeOutcome success(AlipayTradePayResponse response) {
    return new BarcodeOutcome.Paid();
  }

  @Override
  public BarcodeOutcome uncertain(String reason) {
    return reason != null && reason.startsWith(WAITING)
        ? new BarcodeOutcome.Waiting()
        : new BarcodeOutcome.Unknown(reason);
  }

  static final String WAITING = "10003";

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
