package io.paygate.core.facetoface;

import io.paygate.core.channel.BarcodeOutcome;
import io.paygate.core.channel.PaymentChannel;
import io.paygate.core.channel.Product;
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
import java.util.regex.Pattern;

/**
 * Barcode payments (付款码), as Alipay prescribes them: charge the buyer's code; paid, done; if the
 * buyer must confirm on the phone (10003) or no answer came, ask about the trade every {@code poll}
 * for up to {@code wait}; still unpaid then, cancel it, so no buyer is charged for an order the
 * shop gave up on.
 */
public final class BarcodePayments {

  /** Alipay's payment codes: 18 digits starting 25 to 30. */
  private static final Pattern AUTH_CODE = Pattern.compile("(2[5-9]|30)\\d{14,22}");

  private final PaymentService payments;
  private final CancelService cancels;
  private final PaymentChannel channel;
  private final Clock clock;
  private final Duration wait;
  private final Duration poll;

  public BarcodePayments(
      PaymentService payments,
      CancelService cancels,
      PaymentChannel channel,
      Clock clock,
      Duration wait,
      Duration poll) {
    this.payments = payments;
    this.cancels = cancels;
    this.channel = channel;
    this.clock = clock;
    this.wait = wait;
    this.poll = poll;
  }

  /** The payment as the buyer's answer leaves it: PAID, or CLOSED when it was given up. */
  public Payment pay(NewPayment request, String authCode) {
    return pay(request, authCode, false);
  }

  /**
   * @param resume whether an earlier run of this request (one Idempotency-Key, one out_trade_no)
   *     may have charged already: then the payment it made is resumed, never charged a second time
   *     under another number
   */
  public Payment pay(NewPayment request, String authCode, boolean resume) {
    if (request.product() != Product.BARCODE) {
      throw PayGateException.invalid("product", "a barcode payment has product barcode");
    }
    if (authCode == null || !AUTH_CODE.matcher(authCode.trim()).matches()) {
      throw PayGateException.invalid(
          "auth_code", "auth_code is the buyer's payment code: 16 to 24 digits starting 25 to 30");
    }
    boolean again =
        resume && request.outTradeNo() != null && payments.find(request.outTradeNo()).isPresent();
    Payment payment = payments.create(request, resume);
    return again
        ? resumed(payment, authCode.trim())
        : charge(payment.outTradeNo(), authCode.trim());
  }

  /**
   * The first run's payment: as it stands if settled; if Alipay has no trade for it, the first
   * charge never arrived and is sent now under the same number; otherwise waited for as the first
   * run would have.
   */
  private Payment resumed(Payment payment, String authCode) {
    if (payment.status() != PaymentStatus.PENDING) {
      return payment;
    }
    TradeLookup lookup =
        channel.queryTrade(new TradeRef(payment.app(), payment.outTradeNo(), payment.tradeNo()));
    if (lookup instanceof TradeLookup.NotFound) {
      return charge(payment.outTradeNo(), authCode);
    }
    return waitForTheBuyer(payment.outTradeNo());
  }

  private Payment charge(String outTradeNo, String authCode) {
    BarcodeOutcome outcome = channel.payBarcode(payments.payable(outTradeNo), authCode);
    if (outcome instanceof BarcodeOutcome.Paid) {
      return payments.sync(outTradeNo);
    }
    if (outcome instanceof BarcodeOutcome.Refused refused
        && "ACQ.TRADE_HAS_SUCCESS".equals(refused.error().subCode())) {
      return payments.sync(outTradeNo); // an earlier charge under this number went through
    }
    if (outcome instanceof BarcodeOutcome.Refused refused) {
      // A refused charge may leave a trade waiting (a balance too low): end it, then say why.
      cancelQuietly(outTradeNo);
      throw PayGateException.channelRejected("the barcode payment", refused.error());
    }
    return waitForTheBuyer(outTradeNo);
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
    return cancels.cancel(outTradeNo).payment();
  }

  private void cancelQuietly(String outTradeNo) {
    try {
      cancels.cancel(outTradeNo);
    } catch (PayGateException notNow) {
      // The recovery job closes it at its expiry; the refusal is what the shop must hear.
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
