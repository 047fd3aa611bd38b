package io.paygate.core.facetoface;

import io.paygate.core.channel.CancelOutcome;
import io.paygate.core.channel.PaymentChannel;
import io.paygate.core.channel.Product;
import io.paygate.core.channel.RefundLookup;
import io.paygate.core.channel.TradeRef;
import io.paygate.core.errors.ErrorCode;
import io.paygate.core.errors.PayGateException;
import io.paygate.core.payments.Cancellation;
import io.paygate.core.payments.Payment;
import io.paygate.core.payments.PaymentRepository;
import io.paygate.core.payments.PaymentService;
import io.paygate.core.payments.PaymentStatus;
import io.paygate.core.refunds.ChannelTotal;
import io.paygate.core.refunds.RefundSettlement;
import io.paygate.core.transactions.Transactions;
import java.time.Clock;

/**
 * Cancelling a face-to-face payment, as the channel's cancel does: an unpaid one closes, a paid one
 * is refunded in full. The steps: ask the channel to cancel; read the trade back (a buyer who paid
 * a moment before is booked paid, never lost); for a refund, ask for the refund the cancel made
 * (the channel numbers it after the order, as it does a refund sent without a number) and book it
 * as the channel's; close what is still open. With the barcode flow in this package, face to face
 * (当面付).
 */
public final class CancelService {

  private final PaymentService payments;
  private final PaymentRepository repository;
  private final PaymentChannel channel;
  private final RefundSettlement settlement;
  private final Transactions transactions;
  private final Clock clock;

  public CancelService(
      PaymentService payments,
      PaymentRepository repository,
      PaymentChannel channel,
      RefundSettlement settlement,
      Transactions transactions,
      Clock clock) {
    this.payments = payments;
    this.repository = repository;
    this.channel = channel;
    this.settlement = settlement;
    this.transactions = transactions;
    this.clock = clock;
  }

  public Cancellation cancel(String outTradeNo) {
    Payment payment = payments.get(outTradeNo);
    if (payment.product() != Product.QR && payment.product() != Product.BARCODE) {
      throw new PayGateException(
          ErrorCode.PAYMENT_NOT_CANCELLABLE,
          "only a face-to-face (qr, barcode) payment can be cancelled; close or refund the others");
    }
    String action = cancelAtTheChannel(payment);
    Payment after = payments.sync(outTradeNo);
    if (action.equals("refund") && after.isPaid()) {
      bookTheCancelsRefund(after);
    }
    if (payments.get(outTradeNo).status() == PaymentStatus.PENDING) {
      payments.closeHere(outTradeNo);
    }
    return new Cancellation(payments.get(outTradeNo), action);
  }

  private String cancelAtTheChannel(Payment payment) {
    CancelOutcome outcome =
        channel.cancel(new TradeRef(payment.app(), payment.outTradeNo(), payment.tradeNo()));
    if (outcome instanceof CancelOutcome.Cancelled cancelled) {
      return cancelled.action();
    }
    if (outcome instanceof CancelOutcome.Refused refused) {
      if ("ACQ.TRADE_NOT_EXIST".equals(refused.error().subCode())) {
        return "close"; // nobody scanned: no trade at the channel, only ours to close
      }
      throw PayGateException.channelRejected("the cancel", refused.error());
    }
    throw new PayGateException(
        ErrorCode.CHANNEL_UNAVAILABLE,
        "the channel did not answer the cancel; ask again, it is safe to repeat: "
            + ((CancelOutcome.Unknown) outcome).reason());
  }

  /**
   * Books the refund the cancel made. Should the channel not tell it now, the day's bill books it
   * (reconciliation finds a refund missing here).
   */
  private void bookTheCancelsRefund(Payment paid) {
    String number = paid.outTradeNo();
    RefundLookup lookup =
        channel.queryRefund(new TradeRef(paid.app(), paid.outTradeNo(), paid.tradeNo()), number);
    if (lookup instanceof RefundLookup.Refunded refunded) {
      transactions.run(
          () ->
              settlement.matchChannelTotal(
                  repository.lock(paid.outTradeNo()).orElseThrow(),
                  ChannelTotal.naming(
                      paid.totalAmount(), number, refunded.amount(), refunded.refundedAt())));
    }
  }
}
