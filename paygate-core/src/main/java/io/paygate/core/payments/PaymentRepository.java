package io.paygate.core.payments;

import io.paygate.core.channel.Buyer;
import io.paygate.core.channel.ChannelTrade;
import io.paygate.core.channel.Product;
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
   * Applies CONFIRM_PAID with the trade's details, unless the trade's number is another payment's.
   *
   * @param current the payment as the caller holds it (under its row lock)
   * @return the payment as changed, or empty when this call changed nothing
   */
  Optional<Payment> markPaid(Payment current, ChannelTrade trade, Instant at);

  /**
   * Applies a transition without details.
   *
   * @param current the payment as the caller read it
   * @return the payment as changed, or empty when this call changed nothing
   */
  Optional<Payment> apply(Payment current, PaymentTransition transition, Instant at);

  /**
   * Books the sum of succeeded refunds and the status it leads to (REFUND_PART or REFUND_ALL), in
   * one conditional update, under the payment's row lock.
   *
   * @return the payment as changed, or empty when its status was not one the transition starts from
   */
  Optional<Payment> bookRefunds(
      Payment locked, Money refundedAmount, PaymentTransition transition, Instant at);

  /**
   * Flags the payment for an operator (the latest reason wins).
   *
   * @return the payment as flagged, or empty when it had this reason already
   */
  Optional<Payment> flag(Payment current, Attention attention, Instant at);

  /**
   * Marks a paid payment's trade finished at the channel (no refunds any more), once.
   *
   * @return the payment as changed, or empty when it was finished already or is not paid
   */
  Optional<Payment> markFinished(Payment current, Instant at);

  /**
   * Records the way a {@code product: any} payment's cashier opened and the channel it opened at
   * (the payment's channel from then on), and the buyer it is for (JSAPI) or none, if the payment
   * is still PENDING with the channel, way (and buyer) the caller read: the one place that says
   * which way is open.
   *
   * @return the payment as changed, or empty when it had changed meanwhile
   */
  Optional<Payment> openWay(Payment current, String channel, Product way, Buyer buyer, Instant at);

  /** The most recent payments, newest first. */
  List<Payment> findRecent(int limit);
}
