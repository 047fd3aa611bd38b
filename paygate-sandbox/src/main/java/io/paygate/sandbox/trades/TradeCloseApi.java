package io.paygate.sandbox.trades;

import io.paygate.sandbox.clock.VirtualClock;
import io.paygate.sandbox.gateway.ApiOutcome;
import io.paygate.sandbox.gateway.GatewayApi;
import io.paygate.sandbox.gateway.GatewayCall;
import io.paygate.sandbox.gateway.GatewayError;
import io.paygate.sandbox.notify.NotifyDelivery;
import io.paygate.sandbox.support.SandboxDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
  private final NotifyDelivery delivery;
  private final VirtualClock clock;

  public TradeCloseApi(
      SandboxDatabase db,
      TradeLookup lookup,
      TradeRepository trades,
      TradeNotifies tradeNotifies,
      NotifyDelivery delivery,
      VirtualClock clock) {
    this.db = db;
    this.lookup = lookup;
    this.trades = trades;
    this.tradeNotifies = tradeNotifies;
    this.delivery = delivery;
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
    List<Long> queued = new ArrayList<>();
    ApiOutcome outcome =
        db.tx()
            .execute(
                status -> {
                  Instant now = clock.now();
                  Trade trade = trades.lock(id).orElseThrow();
                  if (!trades.transition(
                      id, TradeStatus.WAIT_BUYER_PAY, TradeStatus.TRADE_CLOSED, now)) {
                    return new ApiOutcome.Failure(GatewayError.TRADE_STATUS_ERROR);
                  }
                  Trade closed = trades.byId(id).orElseThrow();
                  tradeNotifies.queue(closed, Optional.empty(), now).ifPresent(queued::add);
                  Map<String, Object> fields = new LinkedHashMap<>();
                  fields.put("trade_no", trade.tradeNo());
                  fields.put("out_trade_no", trade.outTradeNo());
                  return ApiOutcome.success(fields);
                });
    queued.forEach(delivery::deliverIfDue);
    return outcome;
  }
}
