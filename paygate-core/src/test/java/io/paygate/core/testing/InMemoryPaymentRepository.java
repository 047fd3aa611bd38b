package io.paygate.core.testing;

import io.paygate.core.channel.Buyer;
import io.paygate.core.channel.ChannelTrade;
import io.paygate.core.channel.Product;
import io.paygate.core.money.Money;
import io.paygate.core.payments.Attention;
import io.paygate.core.payments.Payment;
import io.paygate.core.payments.PaymentRepository;
import io.paygate.core.payments.PaymentStatus;
import io.paygate.core.payments.PaymentTransition;
import io.paygate.core.testkit.Stored;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Payments in a map, honouring the port as the JDBC adapter does (the {@link
 * io.paygate.core.testkit.RepositoryContract} holds both to it): insert refuses a taken number,
 * every state change is conditional on the current status and made in a transaction, instants are
 * kept as the database keeps them, lock is a read (one thread).
 */
public final class InMemoryPaymentRepository implements PaymentRepository {

  private final Map<String, Payment> rows = new LinkedHashMap<>();
  private final DirectTransactions transactions;
  private int locks;

  /** Payments changed in these transactions. */
  public InMemoryPaymentRepository(DirectTransactions transactions) {
    this.transactions = transactions;
  }

  @Override
  public boolean insert(Payment payment) {
    return rows.putIfAbsent(payment.outTradeNo(), Stored.payment(payment)) == null;
  }

  @Override
  public Optional<Payment> find(String outTradeNo) {
    return Optional.ofNullable(outTradeNo == null ? null : rows.get(outTradeNo));
  }

  @Override
  public Optional<Payment> findByTradeNo(String tradeNo) {
    if (tradeNo == null) {
      return Optional.empty();
    }
    return rows.values().stream().filter(p -> tradeNo.equals(p.tradeNo())).findFirst();
  }

  @Override
  public Optional<Payment> lock(String outTradeNo) {
    locks++;
    return find(outTradeNo);
  }

  /** How many times a payment's lock was taken: the cost a redelivery must not pay. */
  public int locks() {
    return locks;
  }

  @Override
  public Optional<Payment> markPaid(Payment current, ChannelTrade trade, Instant at) {
    requireTransaction();
    Payment p = rows.get(current.outTradeNo());
    if (p == null || !PaymentTransition.CONFIRM_PAID.canStartFrom(p.status())) {
      return Optional.empty();
    }
    // As the update's condition: a trade's number is one payment's only.
    if (findByTradeNo(trade.tradeNo()).filter(other -> other != p).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(store(p.paid(trade, at)));
  }

  @Override
  public Optional<Payment> apply(Payment current, PaymentTransition transition, Instant at) {
    requireTransaction();
    Payment p = rows.get(current.outTradeNo());
    if (p == null || !transition.canStartFrom(p.status())) {
      return Optional.empty();
    }
    return Optional.of(store(p.moved(transition, at)));
  }

  @Override
  public Optional<Payment> bookRefunds(
      Payment locked, Money refundedAmount, PaymentTransition transition, Instant at) {
    requireTransaction();
    Payment p = rows.get(locked.outTradeNo());
    if (p == null || !transition.canStartFrom(p.status())) {
      return Optional.empty();
    }
    return Optional.of(store(p.refunded(refundedAmount, transition, at)));
  }

  @Override
  public Optional<Payment> flag(Payment current, Attention attention, Instant at) {
    requireTransaction();
    Payment p = rows.get(current.outTradeNo());
    if (p == null || p.attention() == Objects.requireNonNull(attention)) {
      return Optional.empty();
    }
    return Optional.of(store(p.flagged(attention, at)));
  }

  @Override
  public Optional<Payment> markFinished(Payment current, Instant at) {
    Payment p = rows.get(current.outTradeNo());
    if (p == null || p.isFinished() || !p.isPaid()) {
      return Optional.empty();
    }
    return Optional.of(store(p.finished(at)));
  }

  @Override
  public Optional<Payment> openWay(
      Payment current, String channel, Product way, Buyer buyer, Instant at) {
    requireTransaction();
    Payment p = rows.get(current.outTradeNo());
    if (p == null
        || p.status() != PaymentStatus.PENDING
        || p.way() != current.way()
        || !p.channel().equals(current.channel())
        || !Objects.equals(p.buyer(), current.buyer())) {
      return Optional.empty();
    }
    return Optional.of(store(p.opened(channel, way, buyer, at)));
  }

  // The JDBC adapter's announced changes require a transaction (their facts commit with them).
  private void requireTransaction() {
    if (!transactions.inside()) {
      throw new IllegalStateException("a change outside a transaction");
    }
  }

  private Payment store(Payment changed) {
    Payment stored = Stored.payment(changed);
    rows.put(stored.outTradeNo(), stored);
    return stored;
  }

  @Override
  public List<Payment> findRecent(int limit) {
    return rows.values().stream()
        .sorted(Comparator.comparing(Payment::createdAt).reversed())
        .limit(limit)
        .toList();
  }

  /** The stored payment; fails the test when there is none. */
  public Payment get(String outTradeNo) {
    return find(outTradeNo).orElseThrow(() -> new AssertionError("no payment " + outTradeNo));
  }

  /** Every payment, in creation order. */
  public List<Payment> all() {
    return List.copyOf(rows.values());
  }

  /** Stores a payment as it is, replacing any (for setting up a state directly). */
  public void put(Payment payment) {
    store(payment);
  }
}
