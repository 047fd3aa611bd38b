package io.paygate.alipay.trade;

import com.alipay.api.response.AlipayTradeCancelResponse;
import io.paygate.alipay.gateway.AnswerMapping;
import io.paygate.alipay.gateway.ResponseCodes;
import io.paygate.core.channel.CancelOutcome;
import io.paygate.core.channel.ChannelError;

/**
 * alipay.trade.cancel's answer as a {@link CancelOutcome}. {@code retry_flag=Y} is Alipay asking
 * for the same cancel again: not a cancel yet.
 */
public final class CancelMapper implements AnswerMapping<AlipayTradeCancelResponse, CancelOutcome> {

  @Override
  public CancelOutcome success(AlipayTradeCancelResponse response) {
    if ("Y".equals(response.getRetryFlag())) {
      return new CancelOutcome.Unknown("Alipay asks to retry the cancel (retry_flag=Y)");
    }
    String action = response.getAction();
    return new CancelOutcome.Cancelled(action == null || action.isBlank() ? "close" : action);
  }

  @Override
  public CancelOutcome uncertain(String reason) {
    return new CancelOutcome.Unknown(reason);
  }

  /** Nobody scanned: Alipay has no trade to cancel. */
  @Override
  public boolean isNotFound(AlipayTradeCancelResponse response) {
    return ResponseCodes.isTradeNotExist(response);
  }

  @Override
  public CancelOutcome notFound(ChannelError error, String description) {
    return new CancelOutcome.NotFound();
  }

  @Override
  public CancelOutcome refused(ChannelError error, String description) {
    return new CancelOutcome.Refused(error);
  }

  @Override
  public String word(CancelOutcome outcome) {
    if (outcome instanceof CancelOutcome.Cancelled cancelled) {
      return "ok " + cancelled.action();
    }
    if (outcome instanceof CancelOutcome.NotFound) {
      return "not-found";
    }
    return outcome instanceof CancelOutcome.Refused ? "refused" : "unknown";
  }
}
