package io.paygate.core.testing;

import io.paygate.core.money.Money;
import io.paygate.core.payments.PaymentRepository;
import io.paygate.core.refunds.Refund;
import io.paygate.core.refunds.RefundChange;
import io.paygate.core.refunds.RefundRepository;
import io.paygate.core.refunds.RefundStatus;
import io.paygate.core.testkit.Stored;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Refunds in a list, honouring the port as the JDBC adapter does (the {@link
 * io.paygate.core.testkit.RepositoryContract} holds both to it): insert refuses a taken
 * (out_trade_no, out_request_no) and a payment that does not exist by throwing, insert and settle
 * are made in a transaction, settle is conditional on the current status, sums are by status, a
 * payment's refunds are listed in the order they were created, instants are kept as the database
 * keeps them.
 */
public final class InMemoryRefundRepository implements RefundRepository {

  private final List<Refund> rows = new ArrayList<>();
  private final PaymentRepository payments;
  private final DirectTransactions transactions;

  /** Refunds of these payments (the table's foreign key), changed in these transactions. */
  public InMemoryRefundRepository(PaymentRepository payments, DirectTransactions transactions) {
    this.payments = payments;
    this.transactions = transactions;
  }

  @Override
  public void insert(Refund refund) {
    requireTransaction();
    if (find(refund.outTradeNo(), refund.outRequestNo()).isPresent()) {
      throw new IllegalStateException(
          "duplicate key: refund " + refund.outTradeNo() + "/" + refund.outRequestNo());
    }
    if (payments.find(refund.outTradeNo()).isEmpty()) {
      throw new IllegalStateException("foreign key: no payment " + refund.outTradeNo());
    }
    rows.add(Stored.refund(refund));
  }

  @Override
  public Optional<Refund> find(String outTradeNo, String outRequestNo) {
    return rows.stream()
        .filter(r -> r.outTradeNo().equals(outTradeNo) && r.outRequestNo().equals(outRequestNo))
        .findFirst();
  }

  @Override
  public List<Refund> findByPayment(String outTradeNo) {
    return rows.stream()
        .filter(r -> r.outTradeNo().equals(outTradeNo))
        .sorted(Comparator.comparing(Refund::createdAt))
        .toList();
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
  public Optional<Refund> settle(Refund current, RefundChange change) {
    requireTransaction();
    for (int i = 0; i < rows.size(); i++) {
      Refund r = rows.get(i);
      if (r.outTradeNo().equals(current.outTradeNo())
          && r.outRequestNo().equals(current.outRequestNo())) {
        if (!change.transition().canStartFrom(r.status())) {
          return Optional.empty();
        }
        rows.set(i, Stored.refund(r.settled(change)));
        return Optional.of(rows.get(i));
      }
    }
    return Optional.empty();
  }

  // The JDBC adapter's announced changes require a transaction (their facts commit with them).
  private void requireTransaction() {
    if (!transactions.inside()) {
      throw new IllegalStateException("a change outside a transaction");
    }
  }

  /** Every refund, in the order they were inserted. */
  public List<Refund> all() {
    return List.copyOf(rows);
  }

  /** The stored refund; fails the test when there is none. */
  public Refund get(String outTradeNo, String outRequestNo) {
    return find(outTradeNo, outRequestNo)
        .orElseThrow(() -> new AssertionError("no refund " + outTradeNo + "/" + outRequestNo));
  }
}
