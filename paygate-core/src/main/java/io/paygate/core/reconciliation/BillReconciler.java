package io.paygate.core.reconciliation;

import io.paygate.core.channel.BillEntry;
import io.paygate.core.channel.BillLookup;
import io.paygate.core.channel.ChannelBill;
import io.paygate.core.channel.Channels;
import io.paygate.core.channel.PaymentChannel;
import io.paygate.core.errors.ErrorCode;
import io.paygate.core.errors.PayGateException;
import io.paygate.core.payments.Payment;
import io.paygate.core.payments.PaymentRepository;
import io.paygate.core.payments.PaymentRules;
import io.paygate.core.payments.PaymentService;
import io.paygate.core.refunds.ChannelTotal;
import io.paygate.core.refunds.Refund;
import io.paygate.core.refunds.RefundRepository;
import io.paygate.core.refunds.RefundService;
import io.paygate.core.refunds.RefundSettlement;
import io.paygate.core.refunds.RefundStatus;
import io.paygate.core.transactions.Transactions;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bill reconciliation (对账): compares the channel's bill of one day with our books, mends what
 * PayGate can mend by itself through its own services, compares again, and keeps the result.
 *
 * <p>Mended by itself: a paid trade we hold PENDING or CLOSED (a sync books it by the usual rules,
 * a closed one as paid after close), and a refund in the bill we do not hold (ours still pending is
 * settled by a refund query; one made outside PayGate is booked as the channel's, under the bill's
 * number, when none of ours is pending for that payment). Everything else is left for an operator:
 * the books never follow a bill that says less than we do, nor another amount.
 */
public final class BillReconciler {

  /** The channel's bills are days in Beijing time. */
  public static final ZoneId BILL_ZONE = ZoneId.of("Asia/Shanghai");

  private final Channels channels;
  private final BillComparison comparison;
  private final PaymentRepository payments;
  private final RefundRepository refunds;
  private final PaymentService paymentService;
  private final RefundService refundService;
  private final RefundSettlement settlement;
  private final Transactions transactions;
  private final ReconciliationRepository reconciliations;
  private final Clock clock;

  public BillReconciler(
      Channels channels,
      Books books,
      PaymentRepository payments,
      RefundRepository refunds,
      PaymentService paymentService,
      RefundService refundService,
      RefundSettlement settlement,
      Transactions transactions,
      ReconciliationRepository reconciliations,
      Clock clock) {
    this.channels = channels;
    this.comparison = new BillComparison(books, payments, refunds);
    this.payments = payments;
    this.refunds = refunds;
    this.paymentService = paymentService;
    this.refundService = refundService;
    this.settlement = settlement;
    this.transactions = transactions;
    this.reconciliations = reconciliations;
    this.clock = clock;
  }

  /** The default channel's apps whose bills there are to reconcile. */
  public java.util.Set<String> apps() {
    return apps(channels.defaultId());
  }

  /** The channel's apps whose bills there are to reconcile. */
  public java.util.Set<String> apps(String channel) {
    return channels.of(channel).apps().names();
  }

  /** The channels whose bills there are to reconcile. */
  public java.util.Set<String> channels() {
    return channels.ids();
  }

  /** Today in Beijing time, by our clock. */
  public LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), BILL_ZONE);
  }

  /**
   * Reconciles one day and keeps the run.
   *
   * @throws PayGateException VALIDATION_FAILED for a day not begun yet, BILL_NOT_READY while the
   *     channel has not published the bill, CHANNEL_UNAVAILABLE when it did not answer
   */
  public Reconciliation reconcile(LocalDate billDate) {
    return reconcile(null, billDate);
  }

  /**
   * Reconciles one app's bill of one day (the default app's when {@code app} is null) and keeps the
   * run.
   */
  public Reconciliation reconcile(String app, LocalDate billDate) {
    return reconcile(channels.defaultId(), app, billDate);
  }

  /**
   * Reconciles one app's bill of one day at the named channel (its default app's when {@code app}
   * is null) and keeps the run.
   *
   * @throws io.paygate.core.channel.UnknownChannelException for a channel not configured
   */
  public Reconciliation reconcile(String channelId, String app, LocalDate billDate) {
    PaymentChannel channel = channels.of(channelId);
    String of = PaymentRules.chooseApp(channel.apps(), app, null);
    if (billDate == null) {
      throw PayGateException.invalid("bill_date", "bill_date is required");
    }
    if (billDate.isAfter(today())) {
      throw PayGateException.invalid(
          "bill_date", "bill_date " + billDate + " has not begun yet (Beijing time)");
    }
    BillLookup lookup = channel.bill(of, billDate);
    if (lookup instanceof BillLookup.NotReady notReady) {
      throw new PayGateException(
          ErrorCode.BILL_NOT_READY,
          "the channel has not published the bill of " + billDate + " yet: " + notReady.reason());
    }
    if (!(lookup instanceof BillLookup.Ready ready)) {
      String reason = lookup instanceof BillLookup.Unknown unknown ? unknown.reason() : "";
      throw new PayGateException(
          ErrorCode.CHANNEL_UNAVAILABLE,
          "the bill of " + billDate + " could not be had from the channel: " + reason);
    }
    ChannelBill bill = ready.bill();
    BillComparison.Result first = comparison.compare(channel.id(), of, bill);
    BillComparison.Result last =
        mend(channel.id(), of, first.findings())
            ? comparison.compare(channel.id(), of, bill)
            : first;
    List<Difference> differences = outcome(first, last);
    boolean matched = differences.stream().allMatch(Difference::mended);
    Reconciliation result =
        new Reconciliation(
            channel.id(),
            of,
            billDate,
            matched ? Reconciliation.Status.MATCHED : Reconciliation.Status.MISMATCHED,
            last.tradesInBill(),
            last.tradesHere(),
            differences,
            // What is answered is what is kept: databases keep microseconds at best.
            clock.instant().truncatedTo(ChronoUnit.MILLIS));
    transactions.run(() -> reconciliations.save(result));
    return result;
  }

  /** The latest run kept for the default app's bill of the day. */
  public Reconciliation latest(LocalDate billDate) {
    return latest(null, billDate);
  }

  /** The latest run kept for the app's bill of the day. */
  public Reconciliation latest(String app, LocalDate billDate) {
    return latest(channels.defaultId(), app, billDate);
  }

  /** The latest run kept for the app's bill of the day at the named channel. */
  public Reconciliation latest(String channelId, String app, LocalDate billDate) {
    PaymentChannel channel = channels.of(channelId);
    String of = PaymentRules.chooseApp(channel.apps(), app, null);
    return reconciliations
        .findLatest(channel.id(), of, billDate)
        .orElseThrow(
            () ->
                new PayGateException(
                    ErrorCode.RECONCILIATION_NOT_FOUND,
                    "the bill of " + billDate + " has not been reconciled"));
  }

  /**
   * What was found first, each marked mended when the second look no longer finds its line, and
   * anything the second look found anew.
   */
  private static List<Difference> outcome(BillComparison.Result first, BillComparison.Result last) {
    Map<Difference.Subject, Difference> remaining = new LinkedHashMap<>();
    for (BillComparison.Finding finding : last.findings()) {
      remaining.put(finding.difference().subject(), finding.difference());
    }
    List<Difference> differences = new ArrayList<>();
    Set<Difference.Subject> seen = new HashSet<>();
    for (BillComparison.Finding finding : first.findings()) {
      Difference difference = finding.difference();
      seen.add(difference.subject());
      differences.add(
          remaining.containsKey(difference.subject()) ? difference : difference.asMended());
    }
    for (Difference difference : remaining.values()) {
      if (!seen.contains(difference.subject())) {
        differences.add(difference);
      }
    }
    return differences;
  }

  /**
   * @return whether anything was tried, so the books must be compared again
   */
  private boolean mend(String channel, String app, List<BillComparison.Finding> findings) {
    boolean tried = false;
    Set<String> synced = new HashSet<>();
    // Payments first: a refund can only be booked on a payment we hold as paid.
    for (BillComparison.Finding finding : findings) {
      Difference difference = finding.difference();
      if ((difference.kind() == DifferenceKind.MISSING_HERE
              || difference.kind() == DifferenceKind.STATUS_DIFFERS)
          && difference.ours() != null
          && synced.add(difference.outTradeNo())) {
        tried |= attempt(() -> paymentService.sync(difference.outTradeNo()));
      }
    }
    for (BillComparison.Finding finding : findings) {
      if (finding.difference().kind() == DifferenceKind.REFUND_MISSING_HERE) {
        tried |= attempt(() -> mendRefund(channel, app, finding.entry()));
      }
    }
    return tried;
  }

  /** One mend; a refusal (the channel did not answer, say) leaves that line for an operator. */
  private static boolean attempt(Runnable mend) {
    try {
      mend.run();
    } catch (PayGateException refused) {
      // Still different; the second look says so.
    }
    return true;
  }

  private void mendRefund(String channel, String app, BillEntry entry) {
    String outTradeNo = entry.outTradeNo();
    String outRequestNo = entry.outRequestNo();
    // Only a line of our payment (this app's, this trade_no) is booked on it.
    Payment payment = comparison.ours(channel, app, entry).orElse(null);
    if (payment == null
        || !payment.isPaid()
        || !payment.channel().equals(channel)
        || outRequestNo == null) {
      return;
    }
    Refund ours = refunds.find(outTradeNo, outRequestNo).orElse(null);
    if (ours != null && ours.status() == RefundStatus.PENDING) {
      // Ours, its answer lost: the refund query settles it as usual.
      refundService.resolve(outTradeNo, outRequestNo);
      return;
    }
    transactions.run(
        () -> {
          Payment locked =
              payments
                  .lock(outTradeNo)
                  .orElseThrow(() -> PayGateException.paymentNotFound(outTradeNo));
          if (!locked.isPaid() || !locked.app().equals(app) || !locked.channel().equals(channel)) {
            return;
          }
          // Read again under the lock: only a refund we never had, or one of ours that we took as
          // failed for this very amount, is the bill's to book.
          Refund mine = refunds.find(outTradeNo, outRequestNo).orElse(null);
          if (mine != null
              && !(mine.status() == RefundStatus.FAILED
                  && mine.refundAmount().compareTo(entry.amount()) == 0)) {
            return;
          }
          // The bill shows the channel has refunded at least this much more than we booked:
          // matchChannelTotal books it under the bill's number, or defers while ours are pending.
          settlement.matchChannelTotal(
              locked,
              ChannelTotal.naming(
                  locked.refundedAmount().plus(entry.amount()),
                  outRequestNo,
                  entry.amount(),
                  entry.finishedAt()));
        });
  }
}
