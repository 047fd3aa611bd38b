package io.paygate.sandbox.refunds;

import io.paygate.sandbox.gateway.ApiOutcome;
import io.paygate.sandbox.gateway.GatewayApi;
import io.paygate.sandbox.gateway.GatewayCall;
import io.paygate.sandbox.gateway.GatewayError;
import io.paygate.sandbox.trades.Trade;
import io.paygate.sandbox.trades.TradeLookup;
import io.paygate.sandbox.wire.AlipayTime;
import io.paygate.sandbox.wire.Money;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * {@code alipay.trade.fastpay.refund.query}: REFUND_SUCCESS for a refund that happened; an unknown
 * out_request_no (or a refund still processing) is a 10000 answer with no refund fields (as Alipay
 * documents).
 */
@Component
public class RefundQueryApi implements GatewayApi {

  private final TradeLookup lookup;
  private final RefundRepository refunds;

  public RefundQueryApi(TradeLookup lookup, RefundRepository refunds) {
    this.lookup = lookup;
    this.refunds = refunds;
  }

  @Override
  public String method() {
    return "alipay.trade.fastpay.refund.query";
  }

  @Override
  public ApiOutcome handle(GatewayCall call) {
    Optional<String> requestNo = call.biz().text("out_request_no");
    if (requestNo.isEmpty()) {
      return new ApiOutcome.Failure(GatewayError.invalidParameter("缺少必选参数out_request_no"));
    }
    TradeLookup.Found found = lookup.find(call);
    if (found instanceof TradeLookup.Miss miss) {
      return miss.failure();
    }
    Trade trade = ((TradeLookup.Hit) found).trade();
    Optional<Refund> refund = refunds.find(trade.id(), requestNo.get());
    // A refund still processing is not known to the query yet, as at Alipay.
    if (refund.isEmpty() || refund.get().processing()) {
      return ApiOutcome.success(Map.of());
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("trade_no", trade.tradeNo());
    fields.put("out_trade_no", trade.outTradeNo());
    fields.put("out_request_no", refund.get().outRequestNo());
    fields.put("total_amount", Money.format(trade.totalAmount()));
    fields.put("refund_amount", Money.format(refund.get().amount()));
    fields.put("refund_status", "REFUND_SUCCESS");
    if (refund.get().reason() != null) {
      fields.put("refund_reason", refund.get().reason());
    }
    if (call.biz().queryOption("gmt_refund_pay")) {
      fields.put("gmt_refund_pay", AlipayTime.format(refund.get().refundedAt()));
    }
    return ApiOutcome.success(fields);
  }
}
