package io.paygate.core.facetoface;

import io.paygate.core.channel.BarcodeOutcome;
import io.paygate.core.channel.CancelOutcome;
import io.paygate.core.channel.ChannelRules;
import io.paygate.core.channel.TradeLookup;
import io.paygate.core.channel.TradeRef;
import io.paygate.core.errors.PayGateException;
import io.paygate.core.payments.NewPayment;
import io.paygate.core.payments.Payment;
import io.paygate.core.payments.PaymentService;
import io.paygate.core.payments.PaymentStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Barcode payments (付款码), as the channels prescribe them: charge the buyer's code; paid, done; if
 * the buyer must confirm on the phone or no answer came, ask about the trade every {@code poll} for
 * up to {@code wait}; still unpaid then, cancel it, so no buyer is charged for an order the shop
 * gave up on.
 *
 * <p>The answer always names the payment: PAID; FAILED (the channel refused and the trade is ended,
 * nothing charged, thrown as {@link BarcodeRefused}); CLOSED (given up and cancelled); or PENDING
 * while the outcome is unknown (the channel did not answer the charge, the queries or the cancel):
 * the janitor then settles it, paid, or cancelled with any money returned. A charge that may have
 * happened never ends in an error.
 */
public final class BarcodePayments {

  private final PaymentService payments;
  private final CancelService cancels;
  private final Clock clock;
  private final Duration wait;
  private final Duration poll;

  public BarcodePayments(
      PaymentService payments, CancelService cancels, Clock clock, Duration wait, Duration poll) {
    this.payments = payments;
    this.cancels = cancels;
    this.clock = clock;
    this.wait = wait;
    this.poll = poll;
  }

  /** The payment as the buyer's answer leaves it (see the class comment). */
  public Payment pay(NewPayment request, String authCode) {
    return pay(request, authCode, false);
  }

  /**
   * @param resume whether an earlier run of this request (one Idempotency-Key, one out_trade_no)
   *     may have charged already: then the payment it made is resumed, never charged a second time
   *     under another number
   * @throws BarcodeRefused when the channel refused the charge and nothing was charged
   */
  public Payment pay(NewPayment request, String authCode, boolean resume) {
    if (request.product() == null || !request.product().chargesPaymentCode()) {
      throw PayGateException.invalid("product", "a barcode payment has product barcode");
    }
    ChannelRules.Format code =
        payments.channels().orDefault(request.channel()).rules().paymentCode();
    if (authCode == null || !code.matches(authCode.trim())) {
      throw PayGateException.invalid("auth_code", "auth_code is " + code.description());
    }
    boolean again =
        resume && request.outTradeNo() != null && payments.find(request.outTradeNo()).isPresent();
    Payment payment = payments.create(request, resume);
    return again
        ? resumed(payment, authCode.trim())
        : charge(payment.outTradeNo(), authCode.trim());
  }

  /**
   * The first run's payment: as it stands if settled; if the channel has no trade for it, the first
   * charge never arrived and is sent now under the same number; otherwise waited for as the first
   * run would have.
   */
  private Payment resumed(Payment payment, String authCode) {
    if (payment.status() != PaymentStatus.PENDING) {
      return payment;
    }
    TradeLookup lookup =
        payments
            .channelOf(payment)
            .queryTrade(new TradeRef(payment.app(), payment.outTradeNo(), payment.tradeNo()));
    if (lookup instanceof TradeLookup.NotFound) {
      return charge(payment.outTradeNo(), authCode);
    }
    return waitForTheBuyer(payment.outTradeNo());
  }

  private Payment charge(String outTradeNo, String authCode) {
    Payment payment = payments.get(outTradeNo);
    BarcodeOutcome outcome =
        payments.channelOf(payment).payBarcode(payments.payable(payment), authCode);
    if (outcome instanceof BarcodeOutcome.Paid) {
      // Booked from the channel's query (this charge, or an earlier one under this number); should
      // its answer be lost, the payment stays PENDING.
      return payments.sync(outTradeNo);
    }
    if (outcome instanceof BarcodeOutcome.Refused refused) {
      return refused(outTradeNo, refused);
    }
    return waitForTheBuyer(outTradeNo);
  }

  /**
   * A refused charge may leave a trade waiting (a balance too low): it is cancelled, and only once
   * the channel ended it (or never made one) is the payment FAILED. Should the cancel go
   * unanswered, the payment stays PENDING for the janitor.
   */
  private Payment refused(String outTradeNo, BarcodeOutcome.Refused refused) {
    Payment payment = payments.get(outTradeNo);
    CancelOutcome cancel =
        payments
            .channelOf(payment)
            .cancel(new TradeRef(payment.app(), outTradeNo, payment.tradeNo()));
    boolean ended =
        cancel instanceof CancelOutcome.Cancelled cancelled && cancelled.action().equals("close")
            || cancel instanceof CancelOutcome.NotFound;
    if (!ended) {
      // Paid after all, or no word: the cancel's own steps book what happened, if they can.
      return giveUp(outTradeNo);
    }
    Payment failed = payments.failHere(payment).orElseGet(() -> payments.get(outTradeNo));
    if (failed.status() != PaymentStatus.FAILED) {
      return failed; // paid meanwhile, booked by a notify
    }
    throw new BarcodeRefused(failed, refused.error());
  }

  private Payment waitForTheBuyer(String outTradeNo) {
    Instant giveUp = clock.instant().plus(wait);
    while (clock.instant().isBefore(giveUp)) {
      pause();
      Payment now = payments.sync(outTradeNo);
      if (now.status() != PaymentStatus.PENDING) {
        return now;
      }
    }
    return giveUp(outTradeNo);
  }

  /**
   * Cancels, as the channel prescribes when the outcome stays unknown: closed if unpaid, refunded
   * if paid. Unanswered or refused, the payment stays as it is (PENDING) for the janitor.
   */
  private Payment giveUp(String outTradeNo) {
    try {
      return cancels.cancel(outTradeNo).payment();
    } catch (PayGateException notNow) {
      return payments.get(outTradeNo);
    }
  }

  private void pause() {
    try {
      Thread.sleep(poll.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the buyer", e);
    }
  }
}
