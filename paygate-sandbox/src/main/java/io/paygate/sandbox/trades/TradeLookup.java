package io.paygate.sandbox.trades;

import io.paygate.sandbox.gateway.ApiOutcome;
import io.paygate.sandbox.gateway.GatewayCall;
import io.paygate.sandbox.gateway.GatewayError;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Finds the trade an execute-style call names: trade_no wins over out_trade_no; an order the buyer
 * never opened is no trade (ACQ.TRADE_NOT_EXIST), unless the API acts on orders too.
 */
@Component
public class TradeLookup {

  private final TradeRepository trades;

  public TradeLookup(TradeRepository trades) {
    this.trades = trades;
  }

  public sealed interface Found {}

  public record Hit(Trade trade) implements Found {}

  public record Miss(ApiOutcome.Failure failure) implements Found {}

  /** An opened trade. */
  public Found find(GatewayCall call) {
    return find(call, false);
  }

  /** A trade or an order nobody opened yet (for APIs that act on orders too, like cancel). */
  public Found findIncludingOrders(GatewayCall call) {
    return find(call, true);
  }

  private Found find(GatewayCall call, boolean includingOrders) {
    Optional<String> tradeNo = call.biz().text("trade_no");
    Optional<String> outTradeNo = call.biz().text("out_trade_no");
    if (tradeNo.isEmpty() && outTradeNo.isEmpty()) {
      return new Miss(
          new ApiOutcome.Failure(GatewayError.invalidParameter("out_trade_no和trade_no不能同时为空")));
    }
    String appId = call.app().appId();
    Optional<Trade> trade =
        tradeNo.isPresent()
            ? trades.byTradeNo(appId, tradeNo.get())
            : trades.byOutTradeNo(appId, outTradeNo.get());
    return trade
        .filter(t -> includingOrders || t.opened())
        .<Found>map(Hit::new)
        .orElseGet(() -> new Miss(new ApiOutcome.Failure(GatewayError.TRADE_NOT_EXIST)));
  }
}
