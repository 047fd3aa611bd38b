package io.paygate.core.notify;

import io.paygate.core.channel.ChannelAccount;
import io.paygate.core.channel.NotificationCheck;
import io.paygate.core.channel.PaymentChannel;
import io.paygate.core.channel.TradeNotification;
import io.paygate.core.exchanges.Exchange;
import io.paygate.core.exchanges.ExchangeLog;
import io.paygate.core.payments.Payment;
import io.paygate.core.payments.PaymentRepository;
import io.paygate.core.payments.TradeReconciler;
import io.paygate.core.refunds.RefundSettlement;
import io.paygate.core.support.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Handles the channel's asynchronous notifications: verify the signature, check the notification is
 * about one of our payments for our account and amount, then apply it idempotently. Anything that
 * fails a check changes nothing.
 */
public final class NotificationService {

  private final PaymentChannel channel;
  private final PaymentRepository payments;
  private final TradeReconciler reconciler;
  private final RefundSettlement refundSettlement;
  private final Transactions transactions;
  private final ExchangeLog exchanges;
  private final Clock clock;

  public NotificationService(
      PaymentChannel channel,
      PaymentRepository payments,
      RefundSettlement refundSettlement,
      Transactions transactions,
      ExchangeLog exchanges,
      Clock clock) {
    this.channel = channel;
    this.payments = payments;
    this.reconciler = new TradeReconciler(payments);
    this.refundSettlement = refundSettlement;
    this.transactions = transactions;
    this.exchanges = exchanges;
    this.clock = clock;
  }

  public NotifyAck handle(Map<String, String> parameters) {
    Instant started = clock.instant();
    NotifyAck ack = decide(parameters);
    String outcome =
        ack instanceof NotifyAck.Accepted accepted
            ? accepted.outcome()
            : "rejected: " + ((NotifyAck.Refused) ack).reason();
    exchanges.record(
        new Exchange(
            started,
            Exchange.Direction.INBOUND,
            "notify",
            parameters.get("out_trade_no"),
            redacted(parameters),
            ack.body(),
            outcome,
            clock.millis() - started.toEpochMilli()));
    return ack;
  }

  private NotifyAck decide(Map<String, String> parameters) {
    NotificationCheck check = channel.verifyNotification(Map.copyOf(parameters));
    if (check instanceof NotificationCheck.Rejected rejected) {
      return new NotifyAck.Refused(rejected.reason());
    }
    TradeNotification notification = ((NotificationCheck.Verified) check).notification();
    ChannelAccount account = channel.account();
    if (!account.appId().equals(notification.appId())) {
      return new NotifyAck.Refused("app_id is not ours");
    }
    if (account.sellerId() != null && !account.sellerId().equals(notification.sellerId())) {
      return new NotifyAck.Refused("seller_id is not ours");
    }
    String outTradeNo = notification.trade().outTradeNo();
    return transactions.inTransaction(
        () -> {
          Optional<Payment> payment = payments.lock(outTradeNo);
          if (payment.isEmpty()) {
            return new NotifyAck.Refused("unknown out_trade_no");
          }
          TradeReconciler.Result result =
              reconciler.apply(payment.get(), notification.trade(), clock.instant());
          if (result instanceof TradeReconciler.Result.Mismatch mismatch) {
            return new NotifyAck.Refused(mismatch.reason());
          }
          String outcome =
              result instanceof TradeReconciler.Result.Changed ? "applied" : "no change";
          if (notification.outBizNo() != null && notification.refundFee() != null) {
            // A refund notification is the channel's word that this refund went through.
            if (refundSettlement.confirm(payment.get(), notification.outBizNo())) {
              outcome = "refund confirmed";
            }
          }
          return new NotifyAck.Accepted(outcome);
        });
  }

  /** The parameters without the signature, sorted, as kept for operators. */
  static String redacted(Map<String, String> parameters) {
    Map<String, String> kept = new TreeMap<>(parameters);
    kept.remove("sign");
    StringBuilder text = new StringBuilder();
    kept.forEach(
        (name, value) -> {
          if (!text.isEmpty()) {
            text.append('&');
          }
          text.append(name).append('=').append(Objects.toString(value, ""));
        });
    return text.toString();
  }
}
