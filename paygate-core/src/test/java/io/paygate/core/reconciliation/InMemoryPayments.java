package io.paygate.core.reconciliation;

import io.paygate.core.channel.ChannelTrade;
import io.paygate.core.money.Money;
import io.paygate.core.payments.Attention;
import io.paygate.core.payments.Payment;
import io.paygate.core.payments.PaymentRepository;
import io.paygate.core.payments.PaymentStatus;
import io.paygate.core.payments.PaymentTransition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Payments in a map, with the same conditional transitions as the JDBC repository. */
final class InMemoryPayments implements PaymentRepository {

  final Map<String, Payment> rows = new LinkedHashMap<>();

  @Override
  public boolean insert(Payment payment) {
    return rows.putIfAbsent(payment.outTradeNo(), payment) == null;
  }

  @Override
  public Optional<Payment> find(String outTradeNo) {
    return Optional.ofNullable(rows.get(outTradeNo));
  }

  @Override
  public Optional<Payment> findByTradeNo(String tradeNo) {
    return rows.values().stream().filter(p -> tradeNo.equals(p.tradeNo())).findFirst();
  }

  @Override
  public Optional<Payment> lock(String outTradeNo) {
    return find(outTradeNo);
  }

  @Override
  public boolean markPaid(String outTradeNo, ChannelTrade trade, Instant at) {
    Payment p = rows.get(outTradeNo);
    if (p == null || !PaymentTransition.CONFIRM_PAID.canStartFrom(p.status())) {
      return false;
    }
    rows.put(
        outTradeNo,
        with(
            p,
            PaymentStatus.PAID,
            trade.tradeNo(),
            p.refundedAmount(),
            trade.paidAt() != null ? trade.paidAt() : at,
            p.closedAt(),
            p.attention()));
    return true;
  }

  @Override
  public boolean apply(String outTradeNo, PaymentTransition transition, Instant at) {
    Payment p = rows.get(outTradeNo);
    if (p == null || !transition.canStartFrom(p.status())) {
      return false;
    }
    Instant closedAt = transition.to() == PaymentStatus.CLOSED ? at : p.closedAt();
    rows.put(
        outTradeNo,
        with(
            p,
            transition.to(),
            p.tradeNo(),
            p.refundedAmount(),
            p.paidAt(),
            closedAt,
            p.attention()));
    return true;
  }

  @Override
  public void setRefundedAmount(String outTradeNo, Money refundedAmount, Instant at) {
    Payment p = rows.get(outTradeNo);
    rows.put(
        outTradeNo,
        with(p, p.status(), p.tradeNo(), refundedAmount, p.paidAt(), p.closedAt(), p.attention()));
  }

  @Override
  public void setAttention(String outTradeNo, Attention attention, Instant at) {
    Payment p = rows.get(outTradeNo);
    rows.put(
        outTradeNo,
        with(p, p.status(), p.tradeNo(), p.refundedAmount(), p.paidAt(), p.closedAt(), attention));
  }

  @Override
  public List<Payment> findRecent(int limit) {
    return new ArrayList<>(rows.values());
  }

  private static Payment with(
      Payment p,
      PaymentStatus status,
      String tradeNo,
      Money refunded,
      Instant paidAt,
      Instant closedAt,
      Attention attention) {
    return new Payment(
        p.outTradeNo(),
        p.product(),
        p.totalAmount(),
        p.subject(),
        p.body(),
        status,
        tradeNo,
        p.buyerLogonId(),
        p.buyerId(),
        refunded,
        p.createdAt(),
        p.updatedAt(),
        p.expiresAt(),
        paidAt,
        closedAt,
        attention);
  }
}
