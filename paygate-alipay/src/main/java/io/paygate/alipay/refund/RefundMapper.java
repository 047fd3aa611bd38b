package io.paygate.alipay.refund;

import com.alipay.api.response.AlipayTradeRefundResponse;
import io.paygate.alipay.gateway.AnswerMapping;
import io.paygate.alipay.wire.AlipayAmounts;
import io.paygate.alipay.wire.AlipayTimes;
import io.paygate.core.channel.ChannelError;
import io.paygate.core.channel.RefundOutcome;
import io.paygate.core.money.Money;

/**
 * alipay.trade.refund's answer as a {@link RefundOutcome}. No not-found case: a refund of a trade
 * Alipay does not know is refused with its code.
 */
public final class RefundMapper implements AnswerMapping<AlipayTradeRefundResponse, RefundOutcome> {

  // Retry with the same out_request_no, or ask: the money may have moved.
  @Override
  public RefundOutcome uncertain(String reason) {
    return new RefundOutcome.Unknown(reason);
  }

  @Override
  public RefundOutcome refused(ChannelError error, String description) {
    return new RefundOutcome.Refused(error);
  }

  @Override
  public String word(RefundOutcome outcome) {
    if (outcome instanceof RefundOutcome.Accepted) {
      return "ok";
    }
    return outcome instanceof RefundOutcome.Refused ? "refused" : "unknown";
  }

  @Override
  public RefundOutcome success(AlipayTradeRefundResponse response) {
    Money refundFee;
    try {
      refundFee = AlipayAmounts.read(response.getRefundFee());
    } catch (IllegalArgumentException e) {
      return new RefundOutcome.Unknown("refund_fee: " + e.getMessage());
    }
    if (refundFee == null) {
      return new RefundOutcome.Unknown("refund_fee missing");
    }
    // fund_change N (or absent) means "nothing moved in this call": the caller asks again.
    return new RefundOutcome.Accepted(
        refundFee,
        "Y".equals(response.getFundChange()),
        AlipayTimes.of(response.getGmtRefundPay()));
  }
}
