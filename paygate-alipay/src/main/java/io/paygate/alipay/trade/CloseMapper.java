package io.paygate.alipay.trade;

import com.alipay.api.response.AlipayTradeCloseResponse;
import io.paygate.alipay.gateway.AnswerMapping;
import io.paygate.alipay.gateway.ResponseCodes;
import io.paygate.core.channel.ChannelError;
import io.paygate.core.channel.CloseOutcome;

/** alipay.trade.close's answer as a {@link CloseOutcome}. */
public final class CloseMapper implements AnswerMapping<AlipayTradeCloseResponse, CloseOutcome> {

  @Override
  public CloseOutcome success(AlipayTradeCloseResponse response) {
    return new CloseOutcome.Closed();
  }

  // The buyer never opened the cashier: there is nothing at Alipay to close.
  @Override
  public boolean isNotFound(AlipayTradeCloseResponse response) {
    return ResponseCodes.isTradeNotExist(response);
  }

  @Override
  public CloseOutcome notFound(ChannelError error, String description) {
    return new CloseOutcome.NotFound();
  }

  @Override
  public CloseOutcome uncertain(String reason) {
    return new CloseOutcome.Unknown(reason);
  }

  @Override
  public CloseOutcome refused(ChannelError error, String description) {
    return new CloseOutcome.Refused(error);
  }

  @Override
  public String word(CloseOutcome outcome) {
    if (outcome instanceof CloseOutcome.Closed) {
      return "ok";
    }
    if (outcome instanceof CloseOutcome.NotFound) {
      return "not-found";
    }
    return outcome instanceof CloseOutcome.Refused ? "refused" : "unknown";
  }
}
