package io.paygate.sandbox.trades;

import io.paygate.sandbox.clock.VirtualClock;
import io.paygate.sandbox.gateway.ApiOutcome;
import io.paygate.sandbox.gateway.GatewayCall;
import io.paygate.sandbox.gateway.GatewayError;
import io.paygate.sandbox.support.Ids;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Stores the order a browser posts (no trade yet), or joins an identical earlier one; out_trade_no
 * is the idempotency key.
 */
@Service
public class Orders {

  private final TradeRepository trades;
  private final VirtualClock clock;

  public Orders(TradeRepository trades, VirtualClock clock) {
    this.trades = trades;
    this.clock = clock;
  }

  public ApiOutcome place(GatewayCall call, String productCode) {
    Instant now = clock.now();
    PageOrderRules.Checked checked = PageOrderRules.check(call, productCode, now);
    if (checked instanceof PageOrderRules.Invalid invalid) {
      return new ApiOutcome.Failure(invalid.error());
    }
    PageOrderRules.Valid valid = (PageOrderRules.Valid) checked;
    NewOrder order = valid.order();
    Optional<Trade> existing = trades.byOutTradeNo(order.appId(), order.outTradeNo());
    if (existing.isEmpty()) {
      try {
        String token = Ids.token();
        trades.insertOrder(order, token, valid.expiresAt(), now);
        return cashier(call, token);
      } catch (DuplicateKeyException raced) {
        existing = trades.byOutTradeNo(order.appId(), order.outTradeNo());
      }
    }
    Trade trade = existing.orElseThrow();
    if (trade.status() != null && trade.status().paid()) {
      return new ApiOutcome.Failure(GatewayError.TRADE_HAS_SUCCESS);
    }
    if (trade.status() == TradeStatus.TRADE_CLOSED) {
      return new ApiOutcome.Failure(GatewayError.TRADE_HAS_CLOSE);
    }
    if (!order.sameAs(trade)) {
      return new ApiOutcome.Failure(GatewayError.CONTEXT_INCONSISTENT);
    }
    return cashier(call, trade.cashierToken());
  }

  private static ApiOutcome cashier(GatewayCall call, String token) {
    return new ApiOutcome.Redirect(call.publicBase() + "/sandbox/cashier/" + token);
  }
}
