package io.paygate.core.payments;

import io.paygate.core.channel.Channels;
import io.paygate.core.channel.Checkout;
import io.paygate.core.channel.CheckoutOutcome;
import io.paygate.core.channel.CloseOutcome;
import io.paygate.core.channel.MerchantApps;
import io.paygate.core.channel.PayOrder;
import io.paygate.core.channel.PaymentChannel;
import io.paygate.core.channel.TradeLookup;
import io.paygate.core.channel.TradeRef;
import io.paygate.core.checks.CheckSchedule;
import io.paygate.core.errors.ErrorCode;
import io.paygate.core.errors.PayGateException;
import io.paygate.core.numbers.Identifiers;
import io.paygate.core.transactions.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Creating, paying, syncing and closing payments. */
public final class PaymentService {

  private final PaymentRepository payments;
  private final Channels channels;
  private final TradeReconciler reconciler;
  private final Transactions transactions;
  private final Identifiers identifiers;
  private final CheckSchedule checks;
  private final Clock clock;
  private final Duration payTimeout;
  private final BookEvents events;

  public PaymentService(
      PaymentRepository payments,
      Channels channels,
      TradeReconciler reconciler,
      Transactions transactions,
      Identifiers identifiers,
      CheckSchedule checks,
      Clock clock,
      Duration payTimeout,
      BookEvents events) {
    this.events = events;
    this.payments = payments;
    this.channels = channels;
    this.checks = checks;
    this.reconciler = reconciler;
    this.transactions = transactions;
    this.identifiers = identifiers;
    this.clock = clock;
    this.payTimeout = payTimeout;
  }

  /** The merchant's apps at the default channel, with what each sells. */
  public MerchantApps apps() {
    return channels.defaultChannel().apps();
  }

  /** The payment channels, by id. */
  public Channels channels() {
    return channels;
  }

  /** The channel the payment is taken through. */
  public PaymentChannel channelOf(Payment payment) {
    return channels.of(payment.channel());
  }

  public Payment create(NewPayment request) {
    return create(request, false);
  }

  /**
   * @param resume whether an earlier run of the same request (under one Idempotency-Key) may have
   *     made the payment already: then a payment with this out_trade_no and the same order is that
   *     payment, answered as it stands, not refused as taken
   */
  public Payment create(NewPayment request, boolean resume) {
    PaymentChannel channel = channels.orDefault(request.channel());
    PaymentRules.checkNewPayment(request, channel.rules());
    String app = PaymentRules.chooseApp(channel.apps(), request.app(), request.product());
    Instant now = clock.instant();
    String outTradeNo =
        request.outTradeNo() != null ? request.outTradeNo() : identifiers.newOutTradeNo();
    Payment payment =
        Payment.pending(outTradeNo, app, channel.id(), request, now, now.plus(payTimeout));
    if (!insertWatched(payment, now)) {
      Payment first = payments.find(outTradeNo).orElse(null);
      if (resume && first != null && sameOrder(first, payment)) {
        return first;
      }
      throw new PayGateException(
          ErrorCode.OUT_TRADE_NO_TAKEN,
          "a payment with this out_trade_no exists already",
          "out_trade_no",
          null);
    }
    return payment;
  }

  /**
   * The payment, its check row and its announcement, in one transaction: no payment is ever stored
   * unwatched, whatever is sent for it next (a barcode charge, say) and whatever dies meanwhile.
   *
   * @return false when the out_trade_no is taken (nothing written)
   */
  private boolean insertWatched(Payment payment, Instant now) {
    try {
      return transactions.inTransaction(
          () -> {
            if (!payments.insert(payment)) {
              throw new Taken(); // rolls back: a failed insert may have spoilt the transaction
            }
            // A lost notification is found by the first check; abandoned carts back off from
            // there.
            checks.checkNewPayment(payment.outTradeNo(), now.plus(checks.firstCheck()));
            events.announce(new PaymentEvent.Created(payment));
            return true;
          });
    } catch (Taken taken) {
      return false;
    }
  }

  private static final class Taken extends RuntimeException {
    Taken() {
      super(null, null, false, false);
    }
  }

  private static boolean sameOrder(Payment first, Payment again) {
    return first.channel().equals(again.channel())
        && first.app().equals(again.app())
        && first.product() == again.product()
        && first.totalAmount().compareTo(again.totalAmount()) == 0
        && first.subject().equals(again.subject())
        && Objects.equals(first.body(), again.body())
        // An any payment's buyer is the one its cashier's JSAPI way was opened for, later.
        && (Objects.equals(first.buyer(), again.buyer()) || first.product().opensAnotherWay());
  }

  public Optional<Payment> find(String outTradeNo) {
    return payments.find(outTradeNo);
  }

  public Payment get(String outTradeNo) {
    return payments
        .find(outTradeNo)
        .orElseThrow(() -> PayGateException.paymentNotFound(outTradeNo));
  }

  public Payment getByTradeNo(String tradeNo) {
    return payments
        .findByTradeNo(tradeNo)
        .orElseThrow(
            () ->
                new PayGateException(
                    ErrorCode.PAYMENT_NOT_FOUND, "no payment has this trade_no", "trade_no", null));
  }

  /** The auto-submitting form that sends the buyer to the cashier, while the payment is open. */
  public String payForm(String outTradeNo) {
    return payForm(get(outTradeNo));
  }

  /** As {@link #payForm(String)}, for the payment as the caller has just read it. */
  public String payForm(Payment payment) {
    PayOrder order = payable(payment);
    if (!order.product().hasCashierPage()) {
      throw new PayGateException(
          ErrorCode.PAYMENT_NOT_PAYABLE,
          order.product().faceToFace()
              ? "a face-to-face payment is paid by a scan, not at a cashier form"
              : "this payment has no cashier form");
    }
    return ((Checkout.Form) checkout(channelOf(payment), order, "the cashier form")).html();
  }

  /**
   * The QR code of a face-to-face payment, while it is open. The channel answers the same code for
   * the same order, so this is asked again whenever the code is shown rather than stored.
   */
  public String qrCode(String outTradeNo) {
    Payment payment = get(outTradeNo);
    PayOrder order = payable(payment);
    if (!order.product().showsQrCode()) {
      throw new PayGateException(ErrorCode.PAYMENT_NOT_PAYABLE, "only a QR payment has a QR code");
    }
    return ((Checkout.QrCode) checkout(channelOf(payment), order, "the QR code")).content();
  }

  /**
   * What the buyer pays an open payment with, in its product's shape (a form, a QR code, a
   * redirect, an app order, a JSAPI prepay). Asked again whenever it is shown, rather than stored:
   * the channel answers the same order the same.
   */
  public Checkout checkout(String outTradeNo) {
    return checkout(get(outTradeNo));
  }

  /** As {@link #checkout(String)}, for the payment as the caller has just read (or changed) it. */
  public Checkout checkout(Payment payment) {
    return checkout(channelOf(payment), payable(payment), "the checkout");
  }

  /**
   * As {@link #checkout(Payment)}, with the buyer's IP address as the shop saw it, for a channel
   * that asks for it (a phone browser's payment at some providers); null when unknown.
   */
  public Checkout checkout(Payment payment, String buyerIp) {
    PayOrder order = payable(payment);
    return checkout(
        channelOf(payment),
        new PayOrder(
            order.app(),
            order.outTradeNo(),
            order.product(),
            order.totalAmount(),
            order.subject(),
            order.body(),
            order.expiresAt(),
            order.buyer(),
            buyerIp),
        "the checkout");
  }

  private static Checkout checkout(PaymentChannel channel, PayOrder order, String what) {
    CheckoutOutcome outcome = channel.checkout(order);
    if (outcome instanceof CheckoutOutcome.Opened opened) {
      return opened.checkout();
    }
    if (outcome instanceof CheckoutOutcome.Refused refused) {
      throw PayGateException.channelRejected(what, refused.error());
    }
    throw new PayGateException(
        ErrorCode.CHANNEL_UNAVAILABLE,
        "the channel did not answer for "
            + what
            + "; ask again: "
            + ((CheckoutOutcome.Unknown) outcome).reason());
  }

  /** The order to put before the buyer, if the payment can still be paid. */
  public PayOrder payable(String outTradeNo) {
    return payable(get(outTradeNo));
  }

  /** As {@link #payable(String)}, for the payment as the caller has just read it. */
  public PayOrder payable(Payment payment) {
    if (payment.status() != PaymentStatus.PENDING) {
      throw new PayGateException(
          ErrorCode.PAYMENT_NOT_PAYABLE, "the payment is " + payment.status() + ", not payable");
    }
    if (!clock.instant().isBefore(payment.expiresAt())) {
      throw new PayGateException(ErrorCode.PAYMENT_NOT_PAYABLE, "the payment has expired");
    }
    if (payment.carrier() == null) {
      throw new PayGateException(
          ErrorCode.PAYMENT_NOT_PAYABLE, "a product any payment is paid at its cashier, /checkout");
    }
    return new PayOrder(
        payment.app(),
        payment.outTradeNo(),
        payment.carrier(),
        payment.totalAmount(),
        payment.subject(),
        payment.body(),
        payment.expiresAt(),
        payment.buyer());
  }

  /**
   * A shop's app posts the synchronous result the provider's mobile SDK handed it. Only its
   * signature is checked here, and then the channel is asked: the result itself books nothing (a
   * buyer's app is no proof), and one that is not the channel's genuine word for this payment is
   * refused and changes nothing.
   */
  public Payment appResult(String outTradeNo, String result) {
    Payment payment = get(outTradeNo);
    if (!payment.product().appOrder()) {
      throw new PayGateException(
          ErrorCode.PAYMENT_NOT_PAYABLE, "only an app payment has an app result");
    }
    boolean genuine =
        result != null
            && !result.isBlank()
            && channelOf(payment)
                .verifyAppResult(payment.app(), result)
                .filter(outTradeNo::equals)
                .isPresent();
    if (!genuine) {
      throw new PayGateException(
          ErrorCode.APP_RESULT_REJECTED,
          "the result does not carry the channel's signature for this payment",
          "result",
          null);
    }
    return sync(outTradeNo);
  }

  /**
   * Asks the channel about the payment and updates it from the answer. An unknown answer changes
   * nothing; the payment stays as it was until a later sync.
   */
  public Payment sync(String outTradeNo) {
    Payment payment = get(outTradeNo);
    TradeLookup lookup =
        channelOf(payment).queryTrade(new TradeRef(payment.app(), outTradeNo, payment.tradeNo()));
    if (lookup instanceof TradeLookup.Found found) {
      transactions.inTransaction(
          () -> {
            Payment locked =
                payments
                    .lock(outTradeNo)
                    .orElseThrow(() -> PayGateException.paymentNotFound(outTradeNo));
            return reconciler.apply(locked, found.trade(), null, clock.instant());
          });
    }
    return get(outTradeNo);
  }

  /**
   * Closes an unpaid payment. Closing a closed payment is a no-op; a trade the channel never saw
   * (the buyer never opened the cashier) closes locally.
   */
  public Payment close(String outTradeNo) {
    Payment payment = get(outTradeNo);
    if (payment.status() == PaymentStatus.CLOSED) {
      return payment;
    }
    if (payment.status() != PaymentStatus.PENDING) {
      throw notClosable(payment.status());
    }
    // Watched soon, before the call leaves: should this process die waiting for the answer, the
    // check learns from the channel whether the trade closed.
    checks.checkPayment(outTradeNo, clock.instant().plus(checks.firstCheck()));
    CloseOutcome outcome =
        channelOf(payment).close(new TradeRef(payment.app(), outTradeNo, payment.tradeNo()));
    if (outcome instanceof CloseOutcome.Closed) {
      Optional<Payment> closed = closeHere(payment);
      if (closed.isPresent()) {
        return closed.get();
      }
    } else if (outcome instanceof CloseOutcome.NotFound) {
      // No trade yet at the channel, but a cashier page loaded earlier can still be paid until
      // the expiry: the payment stays watched till then.
      Optional<Payment> closed = closeHere(payment);
      if (closed.isPresent() && clock.instant().isBefore(payment.expiresAt())) {
        checks.checkPayment(outTradeNo, clock.instant().plus(checks.firstCheck()));
      }
    } else if (outcome instanceof CloseOutcome.Refused refused) {
      // Most often the buyer paid a moment ago: learn that before answering.
      Payment synced = sync(outTradeNo);
      if (synced.status() == PaymentStatus.CLOSED) {
        return synced;
      }
      if (synced.status() != PaymentStatus.PENDING) {
        throw notClosable(synced.status());
      }
      throw PayGateException.channelRejected("the close", refused.error());
    } else if (outcome instanceof CloseOutcome.Unknown) {
      // The channel may have closed the trade, or the buyer paid meanwhile: the payment stands as
      // it is (PENDING, still watched by its own check row); the caller hears it is not closed
      // yet and may send the close again. Never a failure after a call that may have changed it.
      return get(outTradeNo);
    }
    Payment closed = get(outTradeNo);
    if (closed.status() != PaymentStatus.CLOSED) {
      throw notClosable(closed.status());
    }
    return closed;
  }

  /**
   * Closes the payment in our books if it is still open, in a transaction of its own: the shop's
   * {@code payment.closed} event is written in it and commits with the close, or neither does.
   *
   * @return true when this call closed it
   */
  public boolean closeHere(String outTradeNo) {
    return find(outTradeNo).flatMap(this::closeHere).isPresent();
  }

  /**
   * Closes the payment as read just before, in a transaction of its own.
   *
   * @return the payment as closed, or empty when this call did not close it
   */
  public Optional<Payment> closeHere(Payment current) {
    return endHere(current, PaymentTransition.CLOSE);
  }

  /**
   * A face-to-face payment the channel refused with nothing charged and its trade ended: FAILED, in
   * a transaction of its own (the shop hears of it as closed).
   *
   * @return the payment as failed, or empty when this call did not change it
   */
  public Optional<Payment> failHere(Payment current) {
    return endHere(current, PaymentTransition.FAIL);
  }

  private Optional<Payment> endHere(Payment current, PaymentTransition transition) {
    return transactions.inTransaction(() -> reconciler.apply(current, transition, clock.instant()));
  }

  /**
   * For money paid after a close whose automatic refund was refused: plans a refund of what is
   * left, when the rules allow one (see {@link TradeReconciler#giveBackTheRest}).
   */
  public boolean giveBackTheRestPaidAfterClose(String outTradeNo) {
    return transactions.inTransaction(
        () ->
            payments
                .lock(outTradeNo)
                .map(locked -> reconciler.giveBackTheRest(locked, clock.instant()))
                .orElse(false));
  }

  private static PayGateException notClosable(PaymentStatus status) {
    return new PayGateException(
        ErrorCode.PAYMENT_NOT_CLOSABLE, "the payment is " + status + " and cannot be closed");
  }
}
