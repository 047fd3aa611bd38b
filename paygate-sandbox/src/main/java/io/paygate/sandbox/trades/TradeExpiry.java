package io.paygate.sandbox.trades;

import io.paygate.sandbox.SandboxProperties;
import io.paygate.sandbox.clock.DueWork;
import io.paygate.sandbox.database.SandboxDatabase;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Time-driven transitions: an unpaid trade past time_expire/timeout_express closes; a paid trade
 * past the refundable period (default 90 days) finishes.
 */
@Component
public class TradeExpiry implements DueWork {

  private final SandboxDatabase db;
  private final TradeRepository trades;
  private final TradeNotifies tradeNotifies;
  private final SandboxProperties properties;

  public TradeExpiry(
      SandboxDatabase db,
      TradeRepository trades,
      TradeNotifies tradeNotifies,
      SandboxProperties properties) {
    this.db = db;
    this.trades = trades;
    this.tradeNotifies = tradeNotifies;
    this.properties = properties;
  }

  @Override
  public int runDue(Instant now) {
    int handled = 0;
    for (Trade trade : trades.waitingExpiredBy(now)) {
      handled += move(trade, TradeTransition.EXPIRE, now);
    }
    for (Trade trade : trades.paidBefore(now.minus(properties.refundablePeriod()))) {
      handled += move(trade, TradeTransition.FINISH, now);
    }
    return handled;
  }

  /**
   * Ends one paid trade's refundable period now (a control for tests and demos, instead of waiting
   * out the period on the clock): TRADE_SUCCESS becomes TRADE_FINISHED and, where the product
   * notifies it, the notify goes out.
   *
   * @return false when the trade was not TRADE_SUCCESS
   */
  public boolean finish(Trade trade, Instant now) {
    return move(trade, TradeTransition.FINISH, now) == 1;
  }

  private int move(Trade trade, TradeTransition transition, Instant now) {
    Boolean moved =
        db.tx()
            .execute(
                status -> {
                  if (!trades.apply(trade.id(), transition, now)) {
                    return false;
                  }
                  Trade after = trades.byId(trade.id()).orElseThrow();
                  tradeNotifies.queue(after, Optional.empty(), now);
                  return true;
                });
    return Boolean.TRUE.equals(moved) ? 1 : 0;
  }
}
