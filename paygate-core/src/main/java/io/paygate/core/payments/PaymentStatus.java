package io.paygate.core.payments;

import java.util.EnumSet;
import java.util.Set;

/**
 * A payment's status. The transitions between them are written down in one place: {@link
 * PaymentTransition}.
 */
public enum PaymentStatus {
  PENDING,
  PAID,
  PARTIALLY_REFUNDED,
  REFUNDED,
  CLOSED,
  /** Refused by the channel with nothing charged, and nothing left that could be (barcode). */
  FAILED;

  /** Statuses in which the buyer's money reached the merchant. */
  public static final Set<PaymentStatus> PAID_STATUSES =
      EnumSet.of(PAID, PARTIALLY_REFUNDED, REFUNDED);
}
