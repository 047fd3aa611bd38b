package io.paygate.core.reconciliation;

import io.paygate.core.money.Money;
import io.paygate.core.refunds.Refund;
import io.paygate.core.refunds.RefundRepository;
import io.paygate.core.refunds.RefundStatus;
import io.paygate.core.refunds.RefundTransition;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Refunds in a map, settled like the JDBC repository settles them. */
final class InMemoryRefunds implements RefundRepository {

  final Map<String, Refund> rows = new LinkedHashMap<>();

  private static String key(String outTradeNo, String outRequestNo) {
    return outTradeNo + "/" + outRequestNo;
  }

  @Override
  public void insert(Refund refund) {
    if (rows.putIfAbsent(key(refund.outTradeNo(), refund.outRequestNo()), refund) != null) {
      throw new IllegalStateException("duplicate refund " + refund.outRequestNo());
    }
  }

  @Override
  public Optional<Refund> find(String outTradeNo, String outRequestNo) {
    return Optional.ofNullable(rows.get(key(outTradeNo, outRequestNo)));
  }

  @Override
  public List<Refund> findByPayment(String outTradeNo) {
    return rows.values().stream().filter(r -> r.outTradeNo().equals(outTradeNo)).toList();
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
    Refund r = rows.get(key(outTradeNo, outRequestNo));
    if (r == null || !transition.canStartFrom(r.status())) {
      return false;
    }
    rows.put(
        key(outTradeNo, outRequestNo),
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
    return true;
  }

  @Override
  public void renumber(String outTradeNo, String outRequestNo, String newOutRequestNo) {
    Refund r = rows.remove(key(outTradeNo, outRequestNo));
    if (r != null) {
      rows.put(
          key(outTradeNo, newOutRequestNo),
          new Refund(
              r.outTradeNo(),
              newOutRequestNo,
              r.refundAmount(),
              r.reason(),
              r.status(),
              r.failureCode(),
              r.failureMessage(),
              r.createdAt(),
              r.updatedAt(),
              r.refundedAt(),
              r.origin()));
    }
  }
}
