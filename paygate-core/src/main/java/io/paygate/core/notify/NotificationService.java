package io.paygate.core.notify;

import io.paygate.core.channel.Channels;
import io.paygate.core.channel.InboundNotification;
import io.paygate.core.channel.NotificationCheck;
import io.paygate.core.channel.NotifyReply;
import io.paygate.core.channel.PaymentChannel;
import io.paygate.core.channel.RefundLookup;
import io.paygate.core.channel.TradeNotification;
import io.paygate.core.channel.TradeRef;
import io.paygate.core.checks.CheckSchedule;
import io.paygate.core.exchanges.ExchangeLog;
import io.paygate.core.exchanges.ExchangeRecorder;
import io.paygate.core.money.Money;
import io.paygate.core.payments.Payment;
import io.paygate.core.payments.PaymentRepository;
import io.paygate.core.payments.SecondCharges;
import io.paygate.core.payments.TradeReconciler;
import io.paygate.core.refunds.ChannelTotal;
import io.paygate.core.refunds.Refund;
import io.paygate.core.refunds.RefundSettlement;
import io.paygate.core.transactions.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Handles the channel's asynchronous notifications: verify the signature, check the notification is
 * about one of our payments for our account and amount, then apply it idempotently. Anything that
 * fails a check changes nothing.
 */
public final class NotificationService {

  /** The outcome of a notification that found everything as it says. */
  public static final String NO_CHANGE = "no change";

  private final Channels channels;
  private final PaymentRepository payments;
  private final TradeReconciler reconciler;
  private final RefundSettlement refundSettlement;
  private final CheckSchedule checks;
  private final Transactions transactions;
  private final ExchangeRecorder exchanges;
  private final Clock clock;
  private final SecondCharges secondCharges;

  public NotificationService(
      Channels channels,
      PaymentRepository payments,
      TradeReconciler reconciler,
      RefundSettlement refundSettlement,
      CheckSchedule checks,
      Transactions transactions,
      ExchangeLog exchanges,
      Clock clock) {
    this.channels = channels;
    this.payments = payments;
    this.reconciler = reconciler;
    this.refundSettlement = refundSettlement;
    this.checks = checks;
    this.transactions = transactions;
    this.exchanges = new ExchangeRecorder(exchanges, clock);
    this.clock = clock;
    this.secondCharges = new SecondCharges(channels, payments, reconciler, transactions, clock);
  }

  /** As {@link #handle(String, InboundNotification)}, at the default channel. */
  public Handled handle(InboundNotification received) {
    return handle(channels.defaultId(), received);
  }

  /**
   * Verifies, checks and applies one notification sent to the named channel's route, and says what
   * the provider is answered. It speaks for that channel's payments only.
   *
   * @throws io.paygate.core.channel.UnknownChannelException for a channel not configured
   */
  public Handled handle(String channelId, InboundNotification received) {
    PaymentChannel channel = channels.of(channelId);
    Instant started = clock.instant();
    Decision decision = decide(channel, received);
    NotifyAck ack = decision.ack();
    NotifyReply reply = decision.replies().of(ack instanceof NotifyAck.Accepted);
    String outcome =
        ack instanceof NotifyAck.Accepted accepted
            ? accepted.outcome()
            : "rejected: " + ((NotifyAck.Refused) ack).reason();
    // A notification that did not verify, or that names no payment of ours, is kept apart: it
    // never enters a payment's history, and is kept only briefly (anyone can post one).
    boolean ours = decision.genuine() && !unknownPayment(ack);
    exchanges.inbound(
        started,
        ours ? "notify" : decision.genuine() ? "notify-unmatched" : "notify-unverified",
        ours ? decision.outTradeNo() : null,
        decision.redactedParameters(),
        reply.body(),
        outcome,
        clock.millis() - started.toEpochMilli());
    return new Handled(ack, reply, decision.outTradeNo());
  }

  private static boolean unknownPayment(NotifyAck ack) {
    return ack instanceof NotifyAck.Refused refused
        && refused.refusal() == NotifyAck.Refusal.UNKNOWN_PAYMENT;
  }

  /**
   * The answer, whether the notification was genuine (its signature and account checked by the
   * channel), the payment it is about when genuine, and its parameters as the channel redacted
   * them.
   */
  private record Decision(
      NotifyAck ack,
      boolean genuine,
      String outTradeNo,
      String redactedParameters,
      NotifyReply.Choice replies) {}

  private Decision decide(PaymentChannel channel, InboundNotification received) {
    String via = channel.id();
    NotificationCheck check = channel.verify(received);
    if (check instanceof NotificationCheck.Rejected rejected) {
      return new Decision(
          new NotifyAck.Refused(NotifyAck.Refusal.NOT_GENUINE, rejected.reason()),
          false,
          rejected.claimedOutTradeNo(),
          rejected.redactedParameters(),
          rejected.replies());
    }
    NotificationCheck.Verified verified = (NotificationCheck.Verified) check;
    TradeNotification notification = verified.notification();
    String outTradeNo = notification.trade().outTradeNo();
    // One plain read answers both: a way this payment left, and a redelivery.
    Optional<Payment> current = payments.find(outTradeNo);
    Optional<Payment> earlierWay =
        current.filter(
            p -> SecondCharges.fromAnEarlierWay(p, via) && p.app().equals(verified.app()));
    if (earlierWay.isPresent()) {
      return new Decision(
          earlierWay(via, earlierWay.get(), notification),
          true,
          outTradeNo,
          verified.redactedParameters(),
          verified.replies());
    }
    if (alreadyBooked(current, via, verified.app(), notification)) {
      // A redelivery (a provider sends again until it hears it taken, and at times twice anyway).
      return new Decision(
          new NotifyAck.Accepted(NO_CHANGE),
          true,
          outTradeNo,
          verified.redactedParameters(),
          verified.replies());
    }
    // Each app's notifications speak for its own payments only: checked under the payment's lock
    // in apply, and here first for a refund notification, before another app is asked about it.
    boolean outsideRefund = namesAnOutsideRefund(notification);
    if (outsideRefund && !ofTheApp(via, verified.app(), outTradeNo)) {
      return new Decision(
          otherApp(verified.app()),
          true,
          outTradeNo,
          verified.redactedParameters(),
          verified.replies());
    }
    // The exact amount of a refund it names that is not ours (one made in the merchant console),
    // asked before the transaction: no call to the channel holds a payment's lock.
    Money outsideAmount =
        outsideRefund ? outsideRefundAmount(channel, verified.app(), notification) : null;
    if (outsideAmount == null && outsideRefund) {
      // Never a guess from the cumulative figure alone: it may hold other refunds too.
      return new Decision(
          new NotifyAck.Refused(
              NotifyAck.Refusal.TRY_LATER,
              "the amount of refund " + notification.refundNo() + " could not be asked for yet"),
          true,
          outTradeNo,
          verified.redactedParameters(),
          verified.replies());
    }
    return new Decision(
        transactions.inTransaction(() -> apply(via, verified.app(), notification, outsideAmount)),
        true,
        outTradeNo,
        verified.redactedParameters(),
        verified.replies());
  }

  /** Booked as it says already: answered from a plain read, without the payment's lock. */
  private boolean alreadyBooked(
      Optional<Payment> current, String channel, String app, TradeNotification notification) {
    return notification.refundNo() == null
        && current
            .filter(p -> p.channel().equals(channel) && p.app().equals(app))
            .filter(
                p ->
                    reconciler.changesNothing(
                        p, notification.trade(), notification.refundedTotal()))
            .isPresent();
  }

  private boolean namesAnOutsideRefund(TradeNotification notification) {
    return notification.refundedTotal() != null
        && notification.refundNo() != null
        // Booked already (a redelivery, a duplicate): nothing to ask the channel.
        && !refundSettlement.isBooked(notification.trade().outTradeNo(), notification.refundNo());
  }

  private Money outsideRefundAmount(
      PaymentChannel channel, String app, TradeNotification notification) {
    String outTradeNo = notification.trade().outTradeNo();
    String refundNo = notification.refundNo();
    RefundLookup lookup =
        channel.queryRefund(
            new TradeRef(app, outTradeNo, notification.trade().tradeNo()), refundNo);
    return lookup instanceof RefundLookup.Refunded refunded ? refunded.amount() : null;
  }

  private boolean ofTheApp(String channel, String app, String outTradeNo) {
    return payments
        .find(outTradeNo)
        .map(p -> p.channel().equals(channel) && p.app().equals(app))
        .orElse(true);
  }

  /**
   * News of a way a {@code product: any} payment opened at this channel before it moved to another:
   * a trade paid there is a second charge, given back there; anything else (closed, or given back
   * already) changes nothing.
   */
  private NotifyAck earlierWay(String channel, Payment payment, TradeNotification notification) {
    boolean paid =
        notification.trade().status().isPaid()
            && notification.refundNo() == null
            && notification.refundedTotal() == null;
    if (!paid) {
      return new NotifyAck.Accepted(NO_CHANGE);
    }
    if (!secondCharges.giveBack(channel, payment, notification.trade())) {
      return new NotifyAck.Refused(
          NotifyAck.Refusal.TRY_LATER,
          "a second charge for the payment could not be given back yet at " + channel);
    }
    return new NotifyAck.Accepted("second charge given back");
  }

  private static NotifyAck otherChannel(String channel) {
    return new NotifyAck.Refused(
        NotifyAck.Refusal.MISMATCH,
        "the notification came to channel " + channel + "; the payment belongs to another channel");
  }

  private static NotifyAck otherApp(String app) {
    return new NotifyAck.Refused(
        NotifyAck.Refusal.MISMATCH,
        "the notification was sent for app " + app + "; the payment belongs to another app");
  }

  private NotifyAck apply(
      String channel, String app, TradeNotification notification, Money outsideAmount) {
    String outTradeNo = notification.trade().outTradeNo();
    Optional<Payment> payment = payments.lock(outTradeNo);
    if (payment.isEmpty()) {
      return new NotifyAck.Refused(NotifyAck.Refusal.UNKNOWN_PAYMENT, "unknown out_trade_no");
    }
    if (!payment.get().channel().equals(channel)) {
      // Each channel's notifications speak for its own payments only (the numbers are ours, and
      // another channel may hold a trade under the same one).
      return otherChannel(channel);
    }
    if (!payment.get().app().equals(app)) {
      return otherApp(app);
    }
    TradeReconciler.Result result =
        reconciler.apply(
            payment.get(), notification.trade(), notification.refundedTotal(), clock.instant());
    if (result instanceof TradeReconciler.Result.Mismatch mismatch) {
      return new NotifyAck.Refused(NotifyAck.Refusal.MISMATCH, mismatch.reason());
    }
    String outcome = result instanceof TradeReconciler.Result.Changed ? "applied" : NO_CHANGE;
    if (notification.refundedTotal() == null) {
      if (notification.refundNo() == null) {
        return new NotifyAck.Accepted(outcome);
      }
      Payment locked =
          result instanceof TradeReconciler.Result.Changed
              ? payments.find(outTradeNo).orElseThrow()
              : payment.get();
      return refundNamedAlone(locked, notification, outcome);
    }
    // A refund notification: the refund it names went through, and its refunded total is the
    // channel's cumulative refunded total, which ours must equal.
    // The payment as it stands under the lock, carried from step to step (read again only when
    // reconciling changed it).
    Payment locked =
        result instanceof TradeReconciler.Result.Changed
            ? payments.find(outTradeNo).orElseThrow()
            : payment.get();
    if (notification.refundNo() != null) {
      RefundSettlement.Settled settled =
          refundSettlement.confirmed(locked, notification.refundNo(), null);
      locked = settled.payment();
      if (settled.changed()) {
        outcome = "refund confirmed";
      }
    }
    RefundSettlement.TotalCheck total =
        refundSettlement.matchChannelTotal(
            locked,
            ChannelTotal.notified(
                notification.refundedTotal(),
                notification.refundNo(),
                outsideAmount,
                notification.refundedAt()));
    if (total instanceof RefundSettlement.TotalCheck.Booked booked) {
      return new NotifyAck.Accepted(
          "refund " + booked.refund().outRequestNo() + " made outside PayGate booked");
    }
    if (total instanceof RefundSettlement.TotalCheck.Deferred deferred) {
      // Which refund the difference is cannot be told until ours settle: ask the channel about
      // them now, and let the channel deliver this notification again meanwhile.
      deferred
          .pending()
          .forEach(r -> checks.checkRefund(r.outTradeNo(), r.outRequestNo(), clock.instant()));
      return new NotifyAck.Refused(
          NotifyAck.Refusal.TRY_LATER,
          "refunds of ours are pending; the refunded total waits for them");
    }
    if (total instanceof RefundSettlement.TotalCheck.Mismatch mismatch) {
      // Flagged for an operator; redelivering would not change it.
      return new NotifyAck.Accepted("flagged: " + mismatch.reason());
    }
    if (total instanceof RefundSettlement.TotalCheck.Unexplained unexplained) {
      return new NotifyAck.Accepted(
          outcome + "; " + unexplained.difference() + " refunded by refunds not named yet");
    }
    return new NotifyAck.Accepted(outcome);
  }

  /**
   * A refund notification from a channel that names the refund (and, it may be, its own amount) but
   * no running total: the channel says this refund went through. One of ours is confirmed for its
   * own amount, once (a refund confirmed already changes nothing); one named with another amount
   * than ours is flagged, never booked; one not ours, named with its amount, is booked as made
   * outside PayGate under the channel's number. One not ours without an amount waits for the day's
   * bill.
   */
  private NotifyAck refundNamedAlone(
      Payment locked, TradeNotification notification, String outcome) {
    String refundNo = notification.refundNo();
    Money amount = notification.refundAmount();
    Refund ours = refundSettlement.find(locked.outTradeNo(), refundNo).orElse(null);
    if (ours != null) {
      if (amount != null && amount.compareTo(ours.refundAmount()) != 0) {
        refundSettlement.flag(locked);
        return new NotifyAck.Accepted(
            "flagged: refund "
                + refundNo
                + " notified for "
                + amount
                + ", ours is "
                + ours.refundAmount());
      }
      RefundSettlement.Settled settled =
          refundSettlement.confirmedAsSeen(locked, ours, notification.refundedAt());
      return new NotifyAck.Accepted(settled.changed() ? "refund confirmed" : outcome);
    }
    if (amount == null) {
      return new NotifyAck.Accepted(
          outcome + "; refund " + refundNo + " is not ours and names no amount: the bill books it");
    }
    return refundSettlement
        .bookMadeOutside(locked, refundNo, amount, notification.refundedAt())
        .<NotifyAck>map(
            booked ->
                new NotifyAck.Accepted(
                    "refund " + booked.outRequestNo() + " made outside PayGate booked"))
        .orElseGet(
            () ->
                new NotifyAck.Accepted(
                    "flagged: refund "
                        + refundNo
                        + " of "
                        + amount
                        + " would refund more than was paid"));
  }
}
