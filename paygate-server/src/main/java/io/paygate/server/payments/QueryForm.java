package io.paygate.server.payments;

import jakarta.validation.constraints.AssertTrue;
import org.springframework.web.bind.annotation.BindParam;

/** The index's query form: our number or Alipay's, blank meaning not given. */
public record QueryForm(
    @BindParam("out_trade_no") String outTradeNo, @BindParam("trade_no") String tradeNo) {

  public QueryForm {
    outTradeNo = outTradeNo == null || outTradeNo.isBlank() ? null : outTradeNo.trim();
    tradeNo = tradeNo == null || tradeNo.isBlank() ? null : tradeNo.trim();
  }

  @AssertTrue(message = "give out_trade_no or trade_no")
  public boolean isNumbered() {
    return outTradeNo != null || tradeNo != null;
  }
}
