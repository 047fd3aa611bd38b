package io.paygate.sandbox.trades;

import io.paygate.sandbox.clock.VirtualClock;
import io.paygate.sandbox.database.SandboxDatabase;
import io.paygate.sandbox.gateway.ApiOutcome;
import io.paygate.sandbox.gateway.GatewayApi;
import io.paygate.sandbox.gateway.GatewayCall;
import io.paygate.sandbox.gateway.GatewayError;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** {@code alipay.trade.close}: only a WAIT_BUYER_PAY trade closes. */
@Component
public class TradeCloseApi implements GatewayApi {

  private final SandboxDatabase db;
  private final TradeLookup lookup;
  private final TradeRepository trades;
  private final TradeNotifies tradeNotifies;
  private final VirtualClock clock;

  public TradeCloseApi(
      SandboxDatabase db,
      TradeLookup lookup,
      TradeRepository trades,
      TradeNotifies tradeNotifies,
      VirtualClock clock) {
    this.db = db;
    this.lookup = lookup;
    this.trades = trades;
    this.tradeNotifies = tradeNotifies;
    this.clock = clock;
  }

  @Override
  public String method() {
    return "alipay.trade.close";
  }

  @Override
  public ApiOutcome handle(GatewayCall call) {
    TradeLookup.Found found = lookup.find(call);
    if (found instanceof TradeLookup.Miss miss) {
      return miss.failure();
    }
    long id = ((TradeLookup.Hit) found).trade().id();
    ApiOutcome outcome =
        db.tx()
            .execute(
                status -> {
                  Instant now = clock.now();
                  Trade trade = trades.lock(id).orElseThrow();
                  if (!trades.apply(id, TradeTransition.CLOSE, now)) {
                    return new ApiOutcome.Failure(GatewayError.TRADE_STATUS_ERROR);
                  }
                  Trade closed = trades.byId(id).orElseThrow();
                  tradeNotifies.queue(closed, Optional.empty(), now);
                  Map<String, Object> fields = new LinkedHashMap<>();
                  fields.put("trade_no", trade.tradeNo());
                  fields.put("out_trade_no", trade.outTradeNo());
                  return ApiOutcome.success(fields);
                });
    return outcome;
  }
}
