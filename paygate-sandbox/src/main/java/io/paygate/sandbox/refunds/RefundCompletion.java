package io.paygate.sandbox.refunds;

import io.paygate.sandbox.clock.DueWork;
import io.paygate.sandbox.database.SandboxDatabase;
import io.paygate.sandbox.trades.TradeRepository;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Refunds accepted while processing (the refund_processing fault) complete when the virtual clock
 * reaches them: the money moves and the refund notify goes out, as for an immediate refund.
 */
@Component
public class RefundCompletion implements DueWork {

  private final SandboxDatabase db;
  private final TradeRepository trades;
  private final RefundRepository refunds;
  private final RefundPosting posting;

  public RefundCompletion(
      SandboxDatabase db, TradeRepository trades, RefundRepository refunds, RefundPosting posting) {
    this.db = db;
    this.trades = trades;
    this.refunds = refunds;
    this.posting = posting;
  }

  @Override
  public int runDue(Instant now) {
    int handled = 0;
    for (Refund due : refunds.completingBy(now)) {
      Boolean completed =
          db.tx()
              .execute(
                  status -> posting.complete(trades.lock(due.tradeId()).orElseThrow(), due, now));
      if (Boolean.TRUE.equals(completed)) {
        handled++;
      }
    }
    return handled;
  }
}
