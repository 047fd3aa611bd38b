package io.paygate.core.payments;

import io.paygate.core.channel.ChannelTrade;
import io.paygate.core.channel.ChannelTradeStatus;
import java.time.Instant;

/**
 * Applies what the channel says about a trade to the stored payment, from a query or a notification
 * alike. The channel's word is trusted only when it matches what was asked: the same out_trade_no
 * and the same amount.
 */
public final class TradeReconciler {

  /** What reconciling did. */
  public sealed interface Result {
    record Changed(PaymentStatus status) implements Result {}

    record Unchanged() implements Result {}

    record Mismatch(String reason) implements Result {}
  }

  private final PaymentRepository payments;

  public TradeReconciler(PaymentRepository payments) {
    this.payments = payments;
  }

  public Result apply(Payment payment, ChannelTrade trade, Instant now) {
    if (trade.outTradeNo() != null && !trade.outTradeNo().equals(payment.outTradeNo())) {
      return new Result.Mismatch("out_trade_no differs from the payment's");
    }
    if (trade.totalAmount() != null && trade.totalAmount().compareTo(payment.totalAmount()) != 0) {
      return new Result.Mismatch(
          "total_amount " + trade.totalAmount() + " differs from " + payment.totalAmount());
    }
    if (trade.tradeNo() != null
        && payments
            .findByTradeNo(trade.tradeNo())
            .filter(other -> !other.outTradeNo().equals(payment.outTradeNo()))
            .isPresent()) {
      return new Result.Mismatch("trade_no belongs to another payment");
    }
    if (trade.status().isPaid()) {
      return payments.markPaid(payment.outTradeNo(), trade, now)
          ? new Result.Changed(PaymentStatus.PAID)
          : new Result.Unchanged();
    }
    if (trade.status() == ChannelTradeStatus.TRADE_CLOSED && payment.paidAt() == null) {
      return payments.apply(payment.outTradeNo(), PaymentTransition.CLOSE, now)
          ? new Result.Changed(PaymentStatus.CLOSED)
          : new Result.Unchanged();
    }
    // WAIT_BUYER_PAY, or TRADE_CLOSED after refunds (the refunds' own records settle those).
    return new Result.Unchanged();
  }
}
