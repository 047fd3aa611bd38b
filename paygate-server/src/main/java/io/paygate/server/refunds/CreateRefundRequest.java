package io.paygate.server.refunds;

import io.paygate.core.refunds.NewRefund;
import io.paygate.server.api.RequestFields;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** {@code POST /api/v1/payments/{out_trade_no}/refunds}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CreateRefundRequest(String refundAmount, String refundReason, String outRequestNo) {

  public NewRefund toNewRefund() {
    return new NewRefund(
        RequestFields.money("refund_amount", refundAmount),
        RequestFields.optional(refundReason),
        RequestFields.optional(outRequestNo));
  }
}
