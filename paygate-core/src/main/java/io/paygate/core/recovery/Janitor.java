package io.paygate.core.recovery;

import io.paygate.core.checks.Backoff;
import io.paygate.core.errors.PayGateException;
import io.paygate.core.facetoface.CancelService;
import io.paygate.core.payments.Cancellation;
import io.paygate.core.payments.Payment;
import io.paygate.core.payments.PaymentRepository;
import io.paygate.core.payments.PaymentService;
import io.paygate.core.payments.PaymentStatus;
import io.paygate.core.refunds.Refund;
import io.paygate.core.refunds.RefundRepository;
import io.paygate.core.refunds.RefundService;
import io.paygate.core.refunds.RefundStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * Checks one open item with the channel, as Kill Bill's janitor does: re-read it, ask the channel,
 * write only what changed, and say when to look again. Never a blind retry: a pending refund the
 * channel cannot find is sent again under its own number, which the channel treats as the same
 * refund.
 */
public final class Janitor {

  /**
   * A closed payment stays watched this long past its expiry: a buyer with the cashier open may pay
   * until then (clocks differ a little).
   */
  public static final Duration CLOSED_WATCH_MARGIN = Duration.ofMinutes(5);

  /**
   * Past its barcode wait, a pending barcode payment is left this much longer to the request that
   * charges it (its calls to Alipay time out in less), so the janitor never cancels under it.
   */
  public static final Duration BARCODE_GRACE = Duration.ofMinutes(2);

  /** The statuses a cancel still changes: a closed, refunded or failed payment has nothing left. */
  private static final Set<PaymentStatus> CANCEL_CHANGES =
      EnumSet.of(PaymentStatus.PENDING, PaymentStatus.PAID, PaymentStatus.PARTIALLY_REFUNDED);

  /** When to check the item again. */
  public sealed interface Next {
    record At(Instant at) implements Next {}

    record Done() implements Next {}
  }

  private final PaymentRepository payments;
  private final PaymentService paymentService;
  private final RefundRepository refunds;
  private final RefundService refundService;
  private final CancelService cancels;
  private final Clock clock;
  private final Duration barcodeWait;

  /**
   * @param barcodeWait how long a barcode payment waits for the buyer: one still pending after it
   *     (and {@link #BARCODE_GRACE}) is cancelled (closed, or refunded if paid), as Alipay
   *     prescribes
   */
  public Janitor(
      PaymentRepository payments,
      PaymentService paymentService,
      RefundRepository refunds,
      RefundService refundService,
      CancelService cancels,
      Clock clock,
      Duration barcodeWait) {
    this.payments = payments;
    this.paymentService = paymentService;
    this.refunds = refunds;
    this.refundService = refundService;
    this.cancels = cancels;
    this.clock = clock;
    this.barcodeWait = barcodeWait;
  }

  /**
   * @param attempts how many checks before this one left the payment open
   */
  public Next checkPayment(String outTradeNo, int attempts) {
    Payment payment = payments.find(outTradeNo).orElse(null);
    if (payment == null) {
      return new Next.Done();
    }
    if (payment.isPaid()) {
      // Paid after a close, its automatic refund refused: give back what is left, if anything.
      paymentService.giveBackTheRestPaidAfterClose(outTradeNo);
      return new Next.Done();
    }
    if (!watched(payment) && !lastLook(payment)) {
      return new Next.Done();
    }
    Payment after = paymentService.sync(outTradeNo);
    Instant now = clock.instant();
    if (after.status() == PaymentStatus.PENDING
        && after.product().chargesPaymentCode()
        && !now.isBefore(after.createdAt().plus(barcodeWait).plus(BARCODE_GRACE))) {
      // A barcode payment whose outcome stayed unknown (the charge, query or cancel unanswered):
      // the counter gave up on it, so it is cancelled and any money taken goes back.
      try {
        after = cancels.cancel(outTradeNo).payment();
      } catch (PayGateException notYet) {
        after = payments.find(outTradeNo).orElse(after);
      }
    } else if (after.status() == PaymentStatus.PENDING && !now.isBefore(after.expiresAt())) {
      try {
        after = paymentService.close(outTradeNo);
      } catch (PayGateException notYet) {
        // The channel did not answer, or the buyer paid meanwhile: the next check learns which.
        after = payments.find(outTradeNo).orElse(after);
      }
    }
    if (!watched(after)) {
      return new Next.Done();
    }
    Instant next = now.plus(Backoff.payment(attempts + 1));
    Instant last = watchedUntil(after);
    // The last look falls on the expiry (or the end of the watch), never in the past.
    return new Next.At(last.isAfter(now) && next.isAfter(last) ? last : next);
  }

  /**
   * @param attempts how many checks before this one left the refund pending
   */
  public Next checkRefund(String outTradeNo, String outRequestNo, int attempts) {
    Refund refund = refunds.find(outTradeNo, outRequestNo).orElse(null);
    if (refund == null || refund.status() != RefundStatus.PENDING) {
      return new Next.Done();
    }
    Refund after = refundService.recheck(outTradeNo, outRequestNo);
    if (after.status() != RefundStatus.PENDING) {
      return new Next.Done();
    }
    return new Next.At(
        clock
            .instant()
            .plus(Backoff.refund(attempts + 1, refundService.refundQueryPause(outTradeNo))));
  }

  /**
   * Sends again a shop's cancel that the channel left unanswered, under the same out_trade_no (the
   * channel cancels a trade once), until the channel answers; its outcome is then booked (closed,
   * or refunded in full). A refusal ends it too: the channel's answer is no.
   *
   * @param attempts how many sends before this one went unanswered
   */
  public Next checkCancel(String outTradeNo, int attempts) {
    Payment payment = payments.find(outTradeNo).orElse(null);
    if (payment == null || !CANCEL_CHANGES.contains(payment.status())) {
      return new Next.Done();
    }
    try {
      if (cancels.cancel(outTradeNo) instanceof Cancellation.InFlight) {
        return new Next.At(clock.instant().plus(Backoff.payment(attempts + 1)));
      }
    } catch (PayGateException refused) {
      // Refused (past the channel's cancel window, say): there is nothing more to send.
    }
    return new Next.Done();
  }

  /**
   * Pending payments are watched until they are paid or closed; closed ones until their expiry has
   * passed, since a cashier page loaded before the close can still be paid.
   */
  private boolean watched(Payment payment) {
    return switch (payment.status()) {
      case PENDING -> true;
      case CLOSED -> clock.instant().isBefore(payment.expiresAt().plus(CLOSED_WATCH_MARGIN));
      default -> false;
    };
  }

  /**
   * The look planned for the end of a closed payment's watch runs at (or a little after) that end:
   * it still asks the channel once, or money paid since the previous look would go unseen.
   */
  private boolean lastLook(Payment payment) {
    return payment.status() == PaymentStatus.CLOSED
        && clock
            .instant()
            .isBefore(payment.expiresAt().plus(CLOSED_WATCH_MARGIN).plus(Duration.ofDays(1)));
  }

  private static Instant watchedUntil(Payment payment) {
    return payment.status() == PaymentStatus.PENDING
        ? payment.expiresAt()
        : payment.expiresAt().plus(CLOSED_WATCH_MARGIN);
  }
}
