package io.paygate.core.facetoface;

import io.paygate.core.channel.ChannelError;
import io.paygate.core.errors.PayGateException;
import io.paygate.core.payments.Payment;

/**
 * The channel refused a barcode charge and the trade is ended: the payment is FAILED, nothing was
 * charged. The refusal is what the shop must hear, with the payment's number.
 */
public final class BarcodeRefused extends PayGateException {

  private final transient Payment payment;

  BarcodeRefused(Payment payment, ChannelError error) {
    this(payment, channelRejected("the barcode payment", error));
  }

  private BarcodeRefused(Payment payment, PayGateException refusal) {
    super(refusal.code(), refusal.getMessage(), null, refusal.channelCode());
    this.payment = payment;
  }

  /** The FAILED payment. */
  public Payment payment() {
    return payment;
  }
}
