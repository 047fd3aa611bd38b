package io.paygate.core.testing;

import io.paygate.core.channel.ChannelTrade;
import io.paygate.core.money.Money;
import io.paygate.core.payments.Attention;
import io.paygate.core.payments.Payment;
import io.paygate.core.payments.PaymentRepository;
import io.paygate.core.payments.PaymentStatus;
import io.paygate.core.payments.PaymentTransition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Payments in a map, honouring the port as the JDBC adapter does: insert refuses a taken number,
 * every state change is conditional on the current status, lock is a read (one thread).
 */
public final class InMemoryPaymentRepository implements PaymentRepository {

  /**
   * A state change the server announces to the shop (its webhook event): what changed, and whether
   * it was made inside a transaction (only then does its event commit with it).
   */
  public record Change(String outTradeNo, String what, boolean inTransaction) {}

  private final Map<String, Payment> rows = new LinkedHashMap<>();
  private final List<Change> changes = new ArrayList<>();
  private DirectTransactions transactions;
  private int locks;

  /** Notes, for every announced change, whether these transactions were running. */
  public void watch(DirectTransactions transactions) {
    this.transactions = transactions;
  }

  /** The announced changes, in order. */
  public List<Change> changes() {
    return List.copyOf(changes);
  }

  /** The announced changes of one payment, by what changed. */
  public List<String> changes(String outTradeNo) {
    return changes.stream()
        .filter(c -> c.outTradeNo().equals(outTradeNo))
        .map(Change::what)
        .toList();
  }

  /** The announced changes made outside any transaction: an event that could be lost. */
  public List<Change> changesOutsideATransaction() {
    return changes.stream().filter(c -> !c.inTransaction()).toList();
  }

  private void changed(String outTradeNo, String what) {
    changes.add(new Change(outTradeNo, what, transactions == null || transactions.inside()));
  }

  @Override
  public boolean insert(Payment payment) {
    return rows.putIfAbsent(payment.outTradeNo(), payment) == null;
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
  public boolean markPaid(String outTradeNo, ChannelTrade trade, boolean announced, Instant at) {
    Payment p = rows.get(outTradeNo);
    if (p == null || !PaymentTransition.CONFIRM_PAID.canStartFrom(p.status())) {
      return false;
    }
    Instant paidAt = trade.paidAt() != null ? trade.paidAt() : at;
    put(
        p,
        PaymentTransition.CONFIRM_PAID.to(),
        trade,
        p.refundedAmount(),
        paidAt,
        p.closedAt(),
        p.attention(),
        at);
    changed(outTradeNo, announced ? "PAID" : "PAID (not announced)");
    return true;
  }

  @Override
  public boolean apply(String outTradeNo, PaymentTransition transition, Instant at) {
    Payment p = rows.get(outTradeNo);
    if (p == null || !transition.canStartFrom(p.status())) {
      return false;
    }
    Instant closedAt = transition.to() == PaymentStatus.CLOSED ? at : p.closedAt();
    put(p, transition.to(), null, p.refundedAmount(), p.paidAt(), closedAt, p.attention(), at);
    changed(outTradeNo, transition.to().name());
    return true;
  }

  @Override
  public void setRefundedAmount(String outTradeNo, Money refundedAmount, Instant at) {
    Payment p = rows.get(outTradeNo);
    if (p != null) {
      put(p, p.status(), null, refundedAmount, p.paidAt(), p.closedAt(), p.attention(), at);
    }
  }

  @Override
  public void setAttention(String outTradeNo, Attention attention, Instant at) {
    Payment p = rows.get(outTradeNo);
    if (p != null) {
      if (p.attention() != attention) {
        changed(outTradeNo, "attention " + attention);
      }
      put(
          p,
          p.status(),
          null,
          p.refundedAmount(),
          p.paidAt(),
          p.closedAt(),
          Objects.requireNonNull(attention),
          at);
    }
  }

  /**
   * Stores the payment changed as the JDBC adapter's UPDATEs change it; trade null keeps its own.
   */
  private void put(
      Payment p,
      PaymentStatus status,
      ChannelTrade trade,
      Money refundedAmount,
      Instant paidAt,
      Instant closedAt,
      Attention attention,
      Instant at) {
    rows.put(
        p.outTradeNo(),
        new Payment(
            p.outTradeNo(),
            p.app(),
            p.product(),
            p.totalAmount(),
            p.subject(),
            p.body(),
            status,
            trade != null ? trade.tradeNo() : p.tradeNo(),
            trade != null ? trade.buyerLogonId() : p.buyerLogonId(),
            trade != null ? trade.buyerId() : p.buyerId(),
            refundedAmount,
            p.createdAt(),
            at,
            p.expiresAt(),
            paidAt,
            closedAt,
            attention));
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

  /** Stores a payment as it is, replacing any (for setting up a state directly). */
  /** Every payment, in creation order. */
  public List<Payment> all() {
    return List.copyOf(rows.values());
  }

  public void put(Payment payment) {
    rows.put(payment.outTradeNo(), payment);
  }
}
