package io.paygate.core.payments;

import io.paygate.core.channel.ChannelTrade;
import io.paygate.core.money.Money;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: where payments are kept. State changes are conditional updates on the current status. */
public interface PaymentRepository {

  /**
   * Stores a new payment.
   *
   * @return false when the out_trade_no is taken already
   */
  boolean insert(Payment payment);

  Optional<Payment> find(String outTradeNo);

  Optional<Payment> findByTradeNo(String tradeNo);

  /** Reads the payment and locks its row until the current transaction ends. */
  Optional<Payment> lock(String outTradeNo);

  /**
   * Applies CONFIRM_PAID with the trade's details.
   *
   * @param announced whether the shop is told the payment succeeded (the event it fulfils on): not
   *     for money paid after the shop was told the payment is closed, nor for money the channel has
   *     given back already; the shop hears of those as needing attention, then refunded
   * @return true when this call changed the payment
   */
  boolean markPaid(String outTradeNo, ChannelTrade trade, boolean announced, Instant at);

  /**
   * Applies a transition without details.
   *
   * @return true when this call changed the payment
   */
  boolean apply(String outTradeNo, PaymentTransition transition, Instant at);

  /** Records the sum of succeeded refunds (under the payment's row lock). */
  void setRefundedAmount(String outTradeNo, Money refundedAmount, Instant at);

  /** Flags the payment for an operator (the latest reason wins). */
  void setAttention(String outTradeNo, Attention attention, Instant at);

  /** The most recent payments, newest first. */
  List<Payment> findRecent(int limit);
}
