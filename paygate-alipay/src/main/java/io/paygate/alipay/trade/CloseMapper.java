package io.paygate.alipay.trade;

import com.alipay.api.response.AlipayTradeCloseResponse;
import io.paygate.alipay.gateway.GatewayAnswer;
import io.paygate.alipay.gateway.ResponseCodes;
import io.paygate.core.channel.CloseOutcome;

/** alipay.trade.close's answer as a {@link CloseOutcome}. */
public final class CloseMapper {

  private CloseMapper() {}

  public static CloseOutcome map(GatewayAnswer<AlipayTradeCloseResponse> answer) {
    if (answer instanceof GatewayAnswer.NoAnswer<AlipayTradeCloseResponse> none) {
      return new CloseOutcome.Unknown(none.reason());
    }
    AlipayTradeCloseResponse response =
        ((GatewayAnswer.Answered<AlipayTradeCloseResponse>) answer).response();
    if (ResponseCodes.isSuccess(response)) {
      return new CloseOutcome.Closed();
    }
    // The buyer never opened the cashier: there is nothing at Alipay to close.
    if (ResponseCodes.isTradeNotExist(response)) {
      return new CloseOutcome.NotFound();
    }
    if (ResponseCodes.isUncertain(response)) {
      return new CloseOutcome.Unknown(ResponseCodes.describe(response));
    }
    return new CloseOutcome.Refused(ResponseCodes.error(response));
  }

  public static String word(CloseOutcome outcome) {
    if (outcome instanceof CloseOutcome.Closed) {
      return "ok";
    }
    if (outcome instanceof CloseOutcome.NotFound) {
      return "not-found";
    }
    return outcome instanceof CloseOutcome.Refused ? "refused" : "unknown";
  }
}
