package io.paygate.core.payments;

import io.paygate.core.channel.ChannelTrade;
import io.paygate.core.channel.Channels;
import io.paygate.core.channel.RefundOrder;
import io.paygate.core.channel.RefundOutcome;
import io.paygate.core.money.Money;
import io.paygate.core.transactions.Transactions;
import java.time.Clock;

/**
 * Money paid for a {@code product: any} payment at a channel it is no longer at: the buyer paid a
 * way opened earlier (an Alipay QR code still on a desktop screen) after the payment had moved to
 * another channel's way ({@link CashierWays}). Only one channel's trade is the payment's; the other
 * is a second charge, given back in full at its own channel as the paid-after-close rule gives back
 * money paid after a close, and the payment flagged {@link Attention#PAID_AFTER_CLOSE} for an
 * operator. The refund's number is fixed per payment, so asking again (a redelivered notification)
 * never refunds twice.
 */
public final class SecondCharges {

  /** The suffix of the give-back's out_request_no (out_trade_no is at most 64 characters: 32). */
  static final String REFUND_SUFFIX = "-second";

  private final Channels channels;
  private final PaymentRepository payments;
  private final TradeReconciler reconciler;
  private final Transactions transactions;
  private final Clock clock;

  public SecondCharges(
      Channels channels,
      PaymentRepository payments,
      TradeReconciler reconciler,
      Transactions transactions,
      Clock clock) {
    this.channels = channels;
    this.payments = payments;
    this.reconciler = reconciler;
    this.transactions = transactions;
    this.clock = clock;
  }

  /** Whether news of the payment from this channel is about a way it opened earlier elsewhere. */
  public static boolean fromAnEarlierWay(Payment payment, String channelId) {
    return payment.product().opensAnotherWay() && !payment.channel().equals(channelId);
  }

  /** The out_request_no the second charge of this payment is given back under. */
  public static String refundNo(String outTradeNo) {
    return outTradeNo + REFUND_SUFFIX;
  }

  /**
   * Gives back a paid trade of an earlier way at its channel (a call to the channel: never under
   * the payment's lock), then flags the payment.
   *
   * @return true when the channel took the refund (now or before); false when it must be asked
   *     again later
   */
  public boolean giveBack(String channelId, Payment payment, ChannelTrade trade) {
    Money amount = trade.totalAmount() == null ? payment.totalAmount() : trade.totalAmount();
    RefundOutcome outcome =
        channels
            .of(channelId)
            .refund(
                new RefundOrder(
                    payment.app(),
                    payment.outTradeNo(),
                    trade.tradeNo(),
                    refundNo(payment.outTradeNo()),
                    amount,
                    "paid twice: given back",
                    amount));
    if (!(outcome instanceof RefundOutcome.Accepted)) {
      return false;
    }
    transactions.inTransaction(
        () ->
            payments
                .lock(payment.outTradeNo())
                .map(
                    locked ->
                        reconciler.flag(locked, Attention.PAID_AFTER_CLOSE, clock.instant())));
    return true;
  }
}
