package io.paygate.sandbox.trades;

import io.paygate.sandbox.buyers.Buyer;
import io.paygate.sandbox.gateway.ApiOutcome;
import io.paygate.sandbox.gateway.GatewayApi;
import io.paygate.sandbox.gateway.GatewayCall;
import io.paygate.sandbox.wire.AlipayTime;
import io.paygate.sandbox.wire.Money;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** {@code alipay.trade.query}. */
@Component
public class TradeQueryApi implements GatewayApi {

  private final TradeLookup lookup;

  public TradeQueryApi(TradeLookup lookup) {
    this.lookup = lookup;
  }

  @Override
  public String method() {
    return "alipay.trade.query";
  }

  @Override
  public ApiOutcome handle(GatewayCall call) {
    TradeLookup.Found found = lookup.find(call);
    if (found instanceof TradeLookup.Miss miss) {
      return miss.failure();
    }
    Trade trade = ((TradeLookup.Hit) found).trade();
    boolean paid = trade.paidAt() != null;
    String paidAmount = paid ? Money.format(trade.totalAmount()) : "0.00";
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("trade_no", trade.tradeNo());
    fields.put("out_trade_no", trade.outTradeNo());
    if (trade.buyerLogonId() != null) {
      fields.put("buyer_logon_id", Buyer.mask(trade.buyerLogonId()));
    }
    fields.put("trade_status", trade.status().name());
    fields.put("total_amount", Money.format(trade.totalAmount()));
    fields.put("buyer_pay_amount", paidAmount);
    fields.put("point_amount", "0.00");
    fields.put("invoice_amount", paidAmount);
    fields.put("receipt_amount", paidAmount);
    if (paid) {
      fields.put("send_pay_date", AlipayTime.format(trade.paidAt()));
    }
    fields.putAll(call.app().buyerField("buyer_user_id", trade.buyerUserId()));
    fields.put("subject", trade.subject());
    if (trade.body() != null) {
      fields.put("body", trade.body());
    }
    if (trade.passbackParams() != null) {
      fields.put("passback_params", trade.passbackParams());
    }
    if (paid && call.biz().queryOption("fund_bill_list")) {
      fields.put(
          "fund_bill_list",
          List.of(
              Map.of(
                  "amount",
                  paidAmount,
                  "fund_channel",
                  "ALIPAYACCOUNT",
                  "real_amount",
                  paidAmount)));
    }
    return ApiOutcome.success(fields);
  }
}
