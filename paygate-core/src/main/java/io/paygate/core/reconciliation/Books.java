package io.paygate.core.reconciliation;

import io.paygate.core.payments.Payment;
import io.paygate.core.refunds.Refund;
import java.time.Instant;
import java.util.List;

/** Port: our books over a bill's window, as reconciliation reads them. */
public interface Books {

  /** Payments we hold as paid (refunded ones too) with paid_at in [from, to). */
  List<Payment> paidBetween(Instant from, Instant to);

  /** Refunds we hold as SUCCEEDED with refunded_at in [from, to). */
  List<Refund> refundedBetween(Instant from, Instant to);
}
