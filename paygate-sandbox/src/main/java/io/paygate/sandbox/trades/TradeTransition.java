package io.paygate.sandbox.trades;

import static io.paygate.sandbox.trades.TradeStatus.ORDER;
import static io.paygate.sandbox.trades.TradeStatus.TRADE_CLOSED;
import static io.paygate.sandbox.trades.TradeStatus.TRADE_FINISHED;
import static io.paygate.sandbox.trades.TradeStatus.TRADE_SUCCESS;
import static io.paygate.sandbox.trades.TradeStatus.WAIT_BUYER_PAY;

import java.util.EnumSet;
import java.util.Set;

/**
 * The sandbox trade's state machine, written down once: every named transition, the states it may
 * start from and the state it ends in. {@link TradeRepository#apply} is the only place a trade's
 * status changes, and only from these states (a conditional update: of two racing changes, one
 * applies). The table is also in the README.
 */
public enum TradeTransition {
  /**
   * The buyer scans the QR code or logs in at the cashier, or a cancel reaches an unscanned order.
   */
  OPEN(EnumSet.of(ORDER), WAIT_BUYER_PAY),
  /** Paid from the buyer's balance (cashier, buyer actions, barcode pay). */
  PAY(EnumSet.of(WAIT_BUYER_PAY), TRADE_SUCCESS),
  /** {@code alipay.trade.close}, or {@code alipay.trade.cancel} of an unpaid trade. */
  CLOSE(EnumSet.of(WAIT_BUYER_PAY), TRADE_CLOSED),
  /** time_expire (timeout_express) passed unpaid: on the clock, or when a buyer comes too late. */
  EXPIRE(EnumSet.of(WAIT_BUYER_PAY), TRADE_CLOSED),
  /** A refund that leaves part of the paid amount: the trade stays paid. */
  REFUND_PART(EnumSet.of(TRADE_SUCCESS), TRADE_SUCCESS),
  /** The refunds reach the paid amount (refund, console refund, cancel of a paid trade). */
  REFUND_ALL(EnumSet.of(TRADE_SUCCESS), TRADE_CLOSED),
  /** The refundable period (paygate.sandbox.refundable-period, 90 days) is over. */
  FINISH(EnumSet.of(TRADE_SUCCESS), TRADE_FINISHED);

  private final Set<TradeStatus> from;
  private final TradeStatus to;

  TradeTransition(Set<TradeStatus> from, TradeStatus to) {
    this.from = from;
    this.to = to;
  }

  public Set<TradeStatus> from() {
    return EnumSet.copyOf(from);
  }

  public TradeStatus to() {
    return to;
  }

  public boolean allowedFrom(TradeStatus status) {
    return from.contains(status);
  }
}
