package io.paygate.core.refunds;

import static io.paygate.core.refunds.RefundStatus.FAILED;
import static io.paygate.core.refunds.RefundStatus.PENDING;
import static io.paygate.core.refunds.RefundStatus.SUCCEEDED;

import io.paygate.core.payments.Payment;
import java.util.EnumSet;
import java.util.Set;

/**
 * The refund state machine, whole. Each transition names the statuses it may start from; the
 * repository applies it as a conditional update, so applying it twice changes nothing the second
 * time. Each announces the refund settled by it; the shop is told of CONFIRM and FAIL, a RETRY is
 * only counted.
 */
public enum RefundTransition {
  /** The channel's word that the refund went through; it wins over an earlier FAILED. */
  CONFIRM(EnumSet.of(PENDING, FAILED), SUCCEEDED),
  /** The channel refused the refund for good: its reservation ends. */
  FAIL(EnumSet.of(PENDING), FAILED),
  /** A failed refund sent again under its own number. */
  RETRY(EnumSet.of(FAILED), PENDING);

  private final Set<RefundStatus> from;
  private final RefundStatus to;

  RefundTransition(Set<RefundStatus> from, RefundStatus to) {
    this.from = from;
    this.to = to;
  }

  public Set<RefundStatus> from() {
    return from;
  }

  public RefundStatus to() {
    return to;
  }

  /** The fact this transition announces, about the refund as it changed it. */
  public RefundEvent announces(Refund after, Payment payment) {
    return new RefundEvent.Settled(after, payment.app(), payment.channel(), this);
  }

  public boolean canStartFrom(RefundStatus status) {
    return from.contains(status);
  }
}
