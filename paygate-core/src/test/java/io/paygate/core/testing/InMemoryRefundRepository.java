package io.paygate.core.testing;

import io.paygate.core.money.Money;
import io.paygate.core.refunds.Refund;
import io.paygate.core.refunds.RefundRepository;
import io.paygate.core.refunds.RefundStatus;
import io.paygate.core.refunds.RefundTransition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Refunds in a list (insertion order is creation order), honouring the port as the JDBC adapter
 * does: insert refuses a taken (out_trade_no, out_request_no) by throwing, settle is conditional on
 * the current status, sums are by status.
 */
public final class InMemoryRefundRepository implements RefundRepository {

  private final List<Refund> rows = new ArrayList<>();
  private final List<String> outside = new ArrayList<>();
  private DirectTransactions transactions;

  /** Notes every announced change (a refund settled) made outside these transactions. */
  public void watch(DirectTransactions transactions) {
    this.transactions = transactions;
  }

  /** The announced changes made outside any transaction: an event that could be lost. */
  public List<String> changesOutsideATransaction() {
    return List.copyOf(outside);
  }

  private void changed(Refund refund) {
    if (transactions != null && !transactions.inside() && refund.status() != RefundStatus.PENDING) {
      outside.add(refund.outTradeNo() + "/" + refund.outRequestNo() + " " + refund.status());
    }
  }

  @Override
  public void insert(Refund refund) {
    if (find(refund.outTradeNo(), refund.outRequestNo()).isPresent()) {
      throw new IllegalStateException(
          "duplicate key: refund " + refund.outTradeNo() + "/" + refund.outRequestNo());
    }
    rows.add(refund);
    changed(refund);
  }

  @Override
  public Optional<Refund> find(String outTradeNo, String outRequestNo) {
    return rows.stream()
        .filter(r -> r.outTradeNo().equals(outTradeNo) && r.outRequestNo().equals(outRequestNo))
        .findFirst();
  }

  @Override
  public List<Refund> findByPayment(String outTradeNo) {
    return rows.stream().filter(r -> r.outTradeNo().equals(outTradeNo)).toList();
  }

  @Override
  public Money sumReserved(String outTradeNo) {
    return sum(outTradeNo, Set.of(RefundStatus.PENDING, RefundStatus.SUCCEEDED));
  }

  @Override
  public Money sumSucceeded(String outTradeNo) {
    return sum(outTradeNo, Set.of(RefundStatus.SUCCEEDED));
  }

  private Money sum(String outTradeNo, Set<RefundStatus> statuses) {
    return findByPayment(outTradeNo).stream()
        .filter(r -> statuses.contains(r.status()))
        .map(Refund::refundAmount)
        .reduce(Money.ZERO, Money::plus);
  }

  @Override
  public boolean settle(
      String outTradeNo,
      String outRequestNo,
      RefundTransition transition,
      String failureCode,
      String failureMessage,
      Instant at,
      Instant refundedAt) {
    for (int i = 0; i < rows.size(); i++) {
      Refund r = rows.get(i);
      if (r.outTradeNo().equals(outTradeNo) && r.outRequestNo().equals(outRequestNo)) {
        if (!transition.canStartFrom(r.status())) {
          return false;
        }
        rows.set(
            i,
            new Refund(
                r.outTradeNo(),
                r.outRequestNo(),
                r.refundAmount(),
                r.reason(),
                transition.to(),
                failureCode,
                failureMessage,
                r.createdAt(),
                at,
                refundedAt,
                r.origin()));
        changed(rows.get(i));
        return true;
      }
    }
    return false;
  }

  /** Every refund, in creation order. */
  public List<Refund> all() {
    return List.copyOf(rows);
  }

  /** The stored refund; fails the test when there is none. */
  public Refund get(String outTradeNo, String outRequestNo) {
    return find(outTradeNo, outRequestNo)
        .orElseThrow(() -> new AssertionError("no refund " + outTradeNo + "/" + outRequestNo));
  }
}
