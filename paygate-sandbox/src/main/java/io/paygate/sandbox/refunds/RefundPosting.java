package io.paygate.sandbox.refunds;

import io.paygate.sandbox.buyers.BuyerRepository;
import io.paygate.sandbox.gateway.GatewayError;
import io.paygate.sandbox.trades.Trade;
import io.paygate.sandbox.trades.TradeNotifies;
import io.paygate.sandbox.trades.TradeRepository;
import io.paygate.sandbox.trades.TradeStatus;
import io.paygate.sandbox.trades.TradeTransition;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The one place money goes back to a buyer: checks a new refund is allowed, records it, adds it to
 * the trade's refunded amount, credits the buyer, closes the trade once fully refunded and queues
 * the notify. Call inside a transaction with the trade's row locked.
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
   * Why a new refund of {@code amount} is refused, as Alipay answers it; empty if it is allowed.
   * Refunds still processing count as refunded: together they may not exceed the paid amount.
   */
  public Optional<GatewayError> refusal(Trade locked, BigDecimal amount, boolean mustBeFull) {
    if (locked.status() == TradeStatus.WAIT_BUYER_PAY) {
      return Optional.of(GatewayError.TRADE_STATUS_ERROR);
    }
    if (locked.status() == TradeStatus.TRADE_CLOSED) {
      return Optional.of(GatewayError.TRADE_HAS_CLOSE);
    }
    if (locked.status() == TradeStatus.TRADE_FINISHED) {
      return Optional.of(GatewayError.TRADE_HAS_FINISHED);
    }
    BigDecimal after =
        locked.refundedAmount().add(refunds.processingAmount(locked.id())).add(amount);
    if (after.compareTo(locked.totalAmount()) > 0
        || (mustBeFull && amount.compareTo(locked.totalAmount()) != 0)) {
      return Optional.of(GatewayError.business("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", "退款金额超限"));
    }
    return Optional.empty();
  }

  /** Posts the refund and returns the trade as it is now; the notify goes out after the commit. */
  public Trade apply(
      Trade locked, String outRequestNo, BigDecimal amount, String reason, Instant now) {
    refunds.insert(new Refund(locked.id(), outRequestNo, amount, reason, now));
    return settle(locked, outRequestNo, amount, now);
  }

  /** Records a refund that is accepted now and moves the money at {@code completesAt}. */
  public void accept(
      Trade locked,
      String outRequestNo,
      BigDecimal amount,
      String reason,
      Instant now,
      Instant completesAt) {
    refunds.insert(new Refund(locked.id(), outRequestNo, amount, reason, now, completesAt));
  }

  /** Completes a refund accepted earlier; false (nothing done) if it was completed already. */
  public boolean complete(Trade locked, Refund processing, Instant now) {
    if (!refunds.complete(locked.id(), processing.outRequestNo(), now)) {
      return false;
    }
    settle(locked, processing.outRequestNo(), processing.amount(), now);
    return true;
  }

  private Trade settle(Trade locked, String outRequestNo, BigDecimal amount, Instant now) {
    long id = locked.id();
    BigDecimal after = locked.refundedAmount().add(amount);
    trades.addRefunded(id, amount);
    if (locked.buyerLogonId() != null) {
      buyers.credit(locked.buyerLogonId(), amount);
    }
    boolean full = after.compareTo(locked.totalAmount()) == 0;
    trades.apply(id, full ? TradeTransition.REFUND_ALL : TradeTransition.REFUND_PART, now);
    Trade refunded = trades.byId(id).orElseThrow();
    tradeNotifies.queue(
        refunded, Optional.of(new TradeNotifies.RefundFields(after, now, outRequestNo)), now);
    return refunded;
  }
}
