package io.paygate.core.payments;

import io.paygate.core.channel.Buyer;
import io.paygate.core.channel.ChannelTrade;
import io.paygate.core.channel.Product;
import io.paygate.core.money.Money;
import java.time.Instant;

/**
 * A payment as PayGate keeps it.
 *
 * @param app the merchant's app at the channel the payment was made with
 * @param tradeNo Alipay's number, known once the buyer paid (or a query found the trade)
 * @param refundedAmount the sum of succeeded refunds
 * @param expiresAt after this the cashier no longer takes the payment
 * @param attention why an operator should look at it, or null
 * @param buyer the signed-in buyer it was made for (JSAPI), or null
 * @param finishedAt when the channel said its trade is finished (no refunds any more), or null
 * @param way for a payment of {@link Product#ANY}, the product its cashier opened at the channel
 *     (the one that holds its out_trade_no there, and carries it once paid); null before any is
 *     opened, and for every other product
 * @param channel the id of the payment channel it is taken through ({@link
 *     io.paygate.core.channel.Channels}); everything done for it goes there
 */
public record Payment(
    String outTradeNo,
    String app,
    Product product,
    Money totalAmount,
    String subject,
    String body,
    PaymentStatus status,
    String tradeNo,
    String buyerLogonId,
    String buyerId,
    Money refundedAmount,
    Instant createdAt,
    Instant updatedAt,
    Instant expiresAt,
    Instant paidAt,
    Instant closedAt,
    Attention attention,
    Buyer buyer,
    Instant finishedAt,
    Product way,
    String channel) {

  /** A payment with no way of its own (every product but {@link Product#ANY}). */
  public Payment(
      String outTradeNo,
      String app,
      Product product,
      Money totalAmount,
      String subject,
      String body,
      PaymentStatus status,
      String tradeNo,
      String buyerLogonId,
      String buyerId,
      Money refundedAmount,
      Instant createdAt,
      Instant updatedAt,
      Instant expiresAt,
      Instant paidAt,
      Instant closedAt,
      Attention attention,
      Buyer buyer,
      Instant finishedAt,
      String channel) {
    this(
        outTradeNo,
        app,
        product,
        totalAmount,
        subject,
        body,
        status,
        tradeNo,
        buyerLogonId,
        buyerId,
        refundedAmount,
        createdAt,
        updatedAt,
        expiresAt,
        paidAt,
        closedAt,
        attention,
        buyer,
        finishedAt,
        null,
        channel);
  }

  /** A payment for no buyer in particular, not finished. */
  public Payment(
      String outTradeNo,
      String app,
      Product product,
      Money totalAmount,
      String subject,
      String body,
      PaymentStatus status,
      String tradeNo,
      String buyerLogonId,
      String buyerId,
      Money refundedAmount,
      Instant createdAt,
      Instant updatedAt,
      Instant expiresAt,
      Instant paidAt,
      Instant closedAt,
      Attention attention,
      String channel) {
    this(
        outTradeNo,
        app,
        product,
        totalAmount,
        subject,
        body,
        status,
        tradeNo,
        buyerLogonId,
        buyerId,
        refundedAmount,
        createdAt,
        updatedAt,
        expiresAt,
        paidAt,
        closedAt,
        attention,
        null,
        null,
        channel);
  }

  /** A new payment, open until {@code expiresAt}. */
  public static Payment pending(
      String outTradeNo,
      String app,
      String channel,
      NewPayment request,
      Instant now,
      Instant expiresAt) {
    return new Payment(
        outTradeNo,
        app,
        request.product(),
        request.totalAmount(),
        request.subject(),
        request.body(),
        PaymentStatus.PENDING,
        null,
        null,
        null,
        Money.ZERO,
        now,
        now,
        expiresAt,
        null,
        null,
        null,
        request.buyer(),
        null,
        null,
        channel);
  }

  /** This payment as CONFIRM_PAID leaves it, with the trade's details. */
  public Payment paid(ChannelTrade trade, Instant at) {
    return new Payment(
        outTradeNo,
        app,
        product,
        totalAmount,
        subject,
        body,
        PaymentTransition.CONFIRM_PAID.to(),
        trade.tradeNo(),
        trade.buyerLogonId(),
        trade.buyerId(),
        refundedAmount,
        createdAt,
        at,
        expiresAt,
        trade.paidAt() != null ? trade.paidAt() : at,
        closedAt,
        attention,
        buyer,
        finishedAt,
        way,
        channel);
  }

  /** This payment as a transition without details leaves it (a close or a failure ends it). */
  public Payment moved(PaymentTransition transition, Instant at) {
    boolean ends =
        transition.to() == PaymentStatus.CLOSED || transition.to() == PaymentStatus.FAILED;
    return with(transition.to(), refundedAmount, ends ? at : closedAt, attention, at);
  }

  /** This payment with its succeeded refunds booked: their sum, and the status it leads to. */
  public Payment refunded(Money refunded, PaymentTransition transition, Instant at) {
    return with(transition.to(), refunded, closedAt, attention, at);
  }

  /** This payment flagged for an operator. */
  public Payment flagged(Attention reason, Instant at) {
    return with(status, refundedAmount, closedAt, reason, at);
  }

  private Payment with(
      PaymentStatus status, Money refunded, Instant closed, Attention reason, Instant at) {
    return new Payment(
        outTradeNo,
        app,
        product,
        totalAmount,
        subject,
        body,
        status,
        tradeNo,
        buyerLogonId,
        buyerId,
        refunded,
        createdAt,
        at,
        expiresAt,
        paidAt,
        closed,
        reason,
        buyer,
        finishedAt,
        way,
        channel);
  }

  /** This payment with its trade finished at the channel: no refunds from now on. */
  public Payment finished(Instant at) {
    return new Payment(
        outTradeNo,
        app,
        product,
        totalAmount,
        subject,
        body,
        status,
        tradeNo,
        buyerLogonId,
        buyerId,
        refundedAmount,
        createdAt,
        at,
        expiresAt,
        paidAt,
        closedAt,
        attention,
        buyer,
        at,
        way,
        channel);
  }

  /**
   * This payment with its way opened at the channel, for the buyer that way is for (JSAPI), or
   * none.
   */
  public Payment opened(String atChannel, Product newWay, Buyer forBuyer, Instant at) {
    return new Payment(
        outTradeNo,
        app,
        product,
        totalAmount,
        subject,
        body,
        status,
        tradeNo,
        buyerLogonId,
        buyerId,
        refundedAmount,
        createdAt,
        at,
        expiresAt,
        paidAt,
        closedAt,
        attention,
        forBuyer,
        finishedAt,
        newWay,
        atChannel);
  }

  /**
   * The product that carries the payment at the channel: its own, or for {@link Product#ANY} the
   * way its cashier opened (null while none is).
   */
  public Product carrier() {
    return product.opensAnotherWay() ? way : product;
  }

  /** The channel finished its trade (Alipay's TRADE_FINISHED): it takes no refunds any more. */
  public boolean isFinished() {
    return finishedAt != null;
  }

  public boolean isPaid() {
    return PaymentStatus.PAID_STATUSES.contains(status);
  }

  public Money refundableAmount() {
    return totalAmount.leftAfter(refundedAmount);
  }
}
