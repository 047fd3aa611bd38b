package io.paygate.alipay.refund;

import com.alipay.api.response.AlipayTradeRefundResponse;
import io.paygate.alipay.gateway.GatewayAnswer;
import io.paygate.alipay.gateway.ResponseCodes;
import io.paygate.alipay.wire.AlipayAmounts;
import io.paygate.alipay.wire.AlipayTimes;
import io.paygate.core.channel.RefundOutcome;
import io.paygate.core.money.Money;

/** alipay.trade.refund's answer as a {@link RefundOutcome}. */
public final class RefundMapper {

  private RefundMapper() {}

  public static RefundOutcome map(GatewayAnswer<AlipayTradeRefundResponse> answer) {
    if (answer instanceof GatewayAnswer.NoAnswer<AlipayTradeRefundResponse> none) {
      return new RefundOutcome.Unknown(none.reason());
    }
    AlipayTradeRefundResponse response =
        ((GatewayAnswer.Answered<AlipayTradeRefundResponse>) answer).response();
    if (ResponseCodes.isSuccess(response)) {
      return accepted(response);
    }
    if (ResponseCodes.isUncertain(response)) {
      // Retry with the same out_request_no, or ask: the money may have moved.
      return new RefundOutcome.Unknown(ResponseCodes.describe(response));
    }
    return new RefundOutcome.Refused(ResponseCodes.error(response));
  }

  public static String word(RefundOutcome outcome) {
    if (outcome instanceof RefundOutcome.Accepted) {
      return "ok";
    }
    return outcome instanceof RefundOutcome.Refused ? "refused" : "unknown";
  }

  private static RefundOutcome accepted(AlipayTradeRefundResponse response) {
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
