package io.paygate.core.refunds;

import io.paygate.core.checks.CheckSchedule;
import io.paygate.core.money.Money;
import io.paygate.core.payments.GiveBack;
import io.paygate.core.payments.Payment;
import java.time.Instant;

/**
 * Refunds of money paid after a close, under numbers that cannot be used twice: {@value #REFUND_NO}
 * first, then {@code PAID_AFTER_CLOSE_1} … up to {@value #MAX_REFUNDS} tries, after which the
 * payment stays flagged for an operator.
 */
public final class PaidAfterCloseRefunds implements GiveBack {

  /** The deterministic number of the refund PayGate makes for money paid after a close. */
  public static final String REFUND_NO = "PAID_AFTER_CLOSE";

  static final int MAX_REFUNDS = 5;

  static final String REASON =
      "订单关闭后才付款，自动全额退款 Paid after the payment was closed: refunded in full";

  private final RefundRepository refunds;
  private final RefundSettlement settlement;
  private final CheckSchedule checks;

  public PaidAfterCloseRefunds(
      RefundRepository refunds, RefundSettlement settlement, CheckSchedule checks) {
    this.refunds = refunds;
    this.settlement = settlement;
    this.checks = checks;
  }

  /** Whether a refund was made by PayGate for money paid after a close. */
  public static boolean isOne(Refund refund) {
    return refund.outRequestNo().startsWith(REFUND_NO);
  }

  @Override
  public void planRefund(Payment locked, Money amount, Instant now) {
    if (refunds.find(locked.outTradeNo(), REFUND_NO).isEmpty()) {
      plan(locked, REFUND_NO, amount, now);
    }
  }

  @Override
  public boolean planRefundOfTheRest(Payment locked, Instant now) {
    var ofThisPayment = refunds.findByPayment(locked.outTradeNo());
    if (ofThisPayment.stream().anyMatch(r -> r.status() == RefundStatus.PENDING)) {
      return false;
    }
    long tries = ofThisPayment.stream().filter(PaidAfterCloseRefunds::isOne).count();
    Money rest = locked.totalAmount().leftAfter(refunds.sumReserved(locked.outTradeNo()));
    if (tries >= MAX_REFUNDS || !rest.isGreaterThan(Money.ZERO)) {
      return false;
    }
    plan(locked, REFUND_NO + "_" + (tries + 1), rest, now);
    return true;
  }

  private void plan(Payment locked, String outRequestNo, Money amount, Instant now) {
    settlement.book(locked, Refund.pending(locked.outTradeNo(), outRequestNo, amount, REASON, now));
    // Sent by the janitor: not inside the notification's transaction, and retried if it fails.
    checks.checkNewRefund(locked.outTradeNo(), outRequestNo, now);
  }
}
