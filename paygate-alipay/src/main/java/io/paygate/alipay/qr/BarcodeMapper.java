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

  /**
   * ACQ.TRADE_HAS_SUCCESS: an earlier charge under this out_trade_no went through (a retry of a
   * charge whose answer was lost), so the order is paid, not refused.
   */
  @Override
  public BarcodeOutcome refused(ChannelError error, String description) {
    return TRADE_HAS_SUCCESS.equals(error.code())
        ? new BarcodeOutcome.Paid()
        : new BarcodeOutcome.Refused(error);
  }

  static final String TRADE_HAS_SUCCESS = "ACQ.TRADE_HAS_SUCCESS";

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
