package io.paygate.sandbox.refunds;

import io.paygate.sandbox.buyers.BuyerRepository;
import io.paygate.sandbox.trades.Trade;
import io.paygate.sandbox.trades.TradeNotifies;
import io.paygate.sandbox.trades.TradeRepository;
import io.paygate.sandbox.trades.TradeStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The one place money goes back to a buyer: records the refund, adds it to the trade's refunded
 * amount, credits the buyer, closes the trade once fully refunded and queues the notify. Call
 * inside a transaction with the trade's row locked, after the caller has checked the refund is
 * allowed (a TRADE_SUCCESS trade, the amount within what is left).
 */
@Component
public class RefundPosting {

  private final TradeRepository trades;
  private final RefundRepository refunds;
  private final BuyerRepository buyers;
  private final TradeNotifies tradeNotifies;

  public RefundPosting(
      TradeRepository trades,
      RefundRepository refunds,
      BuyerRepository buyers,
      TradeNotifies tradeNotifies) {
    this.trades = trades;
    this.refunds = refunds;
    this.buyers = buyers;
    this.tradeNotifies = tradeNotifies;
  }

  /**
   * Posts the refund and returns the trade as it is now; the queued notify's id, if any, is added
   * to {@code queuedNotifies} (to be delivered after the commit).
   */
  public Trade apply(
      Trade locked,
      String outRequestNo,
      BigDecimal amount,
      String reason,
      Instant now,
      List<Long> queuedNotifies) {
    long id = locked.id();
    BigDecimal after = locked.refundedAmount().add(amount);
    refunds.insert(new Refund(id, outRequestNo, amount, reason, now));
    trades.addRefunded(id, amount);
    if (locked.buyerLogonId() != null) {
      buyers.credit(locked.buyerLogonId(), amount);
    }
    if (after.compareTo(locked.totalAmount()) == 0) {
      trades.transition(id, TradeStatus.TRADE_SUCCESS, TradeStatus.TRADE_CLOSED, now);
    }
    Trade refunded = trades.byId(id).orElseThrow();
    tradeNotifies
        .queue(refunded, Optional.of(new TradeNotifies.RefundFields(after, now, outRequestNo)), now)
        .ifPresent(queuedNotifies::add);
    return refunded;
  }
}
