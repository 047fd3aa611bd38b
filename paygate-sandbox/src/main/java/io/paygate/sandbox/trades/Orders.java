package io.paygate.sandbox.trades;

import io.paygate.sandbox.clock.VirtualClock;
import io.paygate.sandbox.gateway.ApiOutcome;
import io.paygate.sandbox.gateway.GatewayCall;
import io.paygate.sandbox.gateway.GatewayError;
import io.paygate.sandbox.wire.Ids;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Stores the order a browser posts (no trade yet), or joins an identical earlier one; out_trade_no
 * is the idempotency key. An order nobody opened yet gives way to the same out_trade_no placed by
 * another product; once a buyer opened it, the trade is that product's.
 */
@Service
public class Orders {

  private final TradeRepository trades;
  private final VirtualClock clock;

  public Orders(TradeRepository trades, VirtualClock clock) {
    this.trades = trades;
    this.clock = clock;
  }

  /** What placing an order came to: the stored order, or the error to answer. */
  public sealed interface Placement {}

  public record Placed(Trade order) implements Placement {}

  public record Refused(GatewayError error) implements Placement {}

  /** Page-style: answers the cashier redirect. */
  public ApiOutcome place(GatewayCall call, String productCode) {
    Placement placement = placement(call, productCode);
    if (placement instanceof Refused refused) {
      return new ApiOutcome.Failure(refused.error());
    }
    return cashier(call, ((Placed) placement).order().cashierToken());
  }

  /** Stores the order, or finds the identical earlier one (not yet paid or closed). */
  public Placement placement(GatewayCall call, String productCode) {
    Instant now = clock.now();
    PageOrderRules.Checked checked = PageOrderRules.check(call, productCode, now);
    if (checked instanceof PageOrderRules.Invalid invalid) {
      return new Refused(invalid.error());
    }
    PageOrderRules.Valid valid = (PageOrderRules.Valid) checked;
    NewOrder order = valid.order();
    Optional<Trade> existing = trades.byOutTradeNo(order.appId(), order.outTradeNo());
    if (existing.isEmpty()) {
      try {
        String token = Ids.token();
        long id = trades.insertOrder(order, token, valid.expiresAt(), now);
        return new Placed(trades.byId(id).orElseThrow());
      } catch (DuplicateKeyException raced) {
        existing = trades.byOutTradeNo(order.appId(), order.outTradeNo());
      }
    }
    Trade trade = existing.orElseThrow();
    if (trade.status().paid()) {
      return new Refused(GatewayError.TRADE_HAS_SUCCESS);
    }
    if (trade.status() == TradeStatus.TRADE_CLOSED) {
      return new Refused(GatewayError.TRADE_HAS_CLOSE);
    }
    if (!trade.opened() && !order.productCode().equals(trade.productCode())) {
      // Alipay has no trade for an order nobody opened yet (ACQ.TRADE_NOT_EXIST): the merchant
      // may place the out_trade_no again by another product, and that order takes its place.
      String token = Ids.token();
      if (trades.replaceOrder(trade.id(), order, token, valid.expiresAt(), now)) {
        return new Placed(trades.byId(trade.id()).orElseThrow());
      }
      trade = trades.byId(trade.id()).orElseThrow();
    }
    if (!order.sameAs(trade)) {
      // Once a buyer opened it, the trade is that product's (and that order's) for good.
      return new Refused(GatewayError.CONTEXT_INCONSISTENT);
    }
    return new Placed(trade);
  }

  private static ApiOutcome cashier(GatewayCall call, String token) {
    return new ApiOutcome.Redirect(call.publicBase() + "/sandbox/cashier/" + token);
  }
}
