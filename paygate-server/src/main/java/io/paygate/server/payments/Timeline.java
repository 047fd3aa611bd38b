package io.paygate.server.payments;

import io.paygate.core.exchanges.Exchange;
import io.paygate.core.payments.Payment;
import io.paygate.core.refunds.Refund;
import io.paygate.core.refunds.RefundStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Everything that happened to one payment, oldest first: its creation, each time the buyer opened
 * the cashier, every exchange with Alipay (calls and notifies, redacted, the janitor's included),
 * its refunds and its ends. Read from what the books already keep; nothing is stored twice for it.
 */
public record Timeline(List<Entry> entries) {

  private static final String PAY_FORM = "payForm";

  /**
   * One line of it.
   *
   * @param kind what the page styles it by: created, cashier, paid, refund-asked, call, notify,
   *     refund (its end), webhook, closed
   * @param request the redacted request or raw notify parameters, or null
   * @param response the redacted answer, or null
   */
  public record Entry(
      Instant at, String kind, String title, String outcome, String request, String response) {}

  private static int rank(Entry entry) {
    return switch (entry.kind()) {
      case "created" -> 0;
      case "cashier" -> 1;
      case "paid" -> 2;
      case "refund-asked" -> 3;
      case "call", "notify" -> 4;
      case "refund" -> 5;
      case "webhook" -> 6;
      default -> 7;
    };
  }

  /** A webhook event of the payment with how its deliveries went, for the timeline. */
  public record Told(String eventId, String type, Instant at, String deliveries) {}

  static Timeline of(
      Payment payment, List<Exchange> exchanges, List<Refund> refunds, List<Told> webhooks) {
    List<Entry> entries = new ArrayList<>();
    entries.add(
        new Entry(
            payment.createdAt(),
            "created",
            "创建订单 Created · " + payment.totalAmount() + " 元 · " + payment.product(),
            null,
            null,
            null));
    for (Exchange exchange : exchanges) {
      boolean inbound = exchange.direction() == Exchange.Direction.INBOUND;
      // The signed cashier form is built each time the buyer's browser loads /pay/{no}.
      boolean cashier = exchange.operation().equals(PAY_FORM);
      entries.add(
          new Entry(
              exchange.at(),
              cashier ? "cashier" : inbound ? "notify" : "call",
              cashier
                  ? "打开收银台 Cashier opened (signed form)"
                  : inbound ? "支付宝通知 Notify from Alipay" : "调用支付宝 Call " + exchange.operation(),
              exchange.outcome() + (inbound ? "" : " · " + exchange.durationMillis() + " ms"),
              exchange.request(),
              exchange.response()));
    }
    if (payment.paidAt() != null) {
      entries.add(
          new Entry(
              payment.paidAt(),
              "paid",
              "买家已付款 Buyer paid (支付宝时间 Alipay's time)",
              null,
              null,
              null));
    }
    for (Refund refund : refunds) {
      entries.add(
          new Entry(
              refund.createdAt(),
              "refund-asked",
              "退款申请 Refund asked · " + refund.refundAmount() + " 元 · " + refund.outRequestNo(),
              refund.reason(),
              null,
              null));
      if (refund.status() == RefundStatus.SUCCEEDED) {
        entries.add(
            new Entry(
                refund.refundedAt() != null ? refund.refundedAt() : refund.updatedAt(),
                "refund",
                "退款成功 Refund succeeded · " + refund.refundAmount() + " 元",
                null,
                null,
                null));
      } else if (refund.status() == RefundStatus.FAILED) {
        entries.add(
            new Entry(
                refund.updatedAt(),
                "refund",
                "退款失败 Refund failed · " + refund.refundAmount() + " 元",
                refund.failureCode(),
                null,
                null));
      }
    }
    for (Told told : webhooks) {
      entries.add(
          new Entry(
              told.at(),
              "webhook",
              "通知商户 Webhook " + told.type() + " · " + told.eventId(),
              told.deliveries(),
              null,
              null));
    }
    if (payment.closedAt() != null) {
      entries.add(new Entry(payment.closedAt(), "closed", "已关闭 Closed", null, null, null));
    }
    // Alipay's times are to the second, ours to the millisecond: within one second, cause comes
    // before effect by kind, and entries of the same kind keep their own order.
    entries.sort(
        Comparator.comparing((Entry e) -> e.at().truncatedTo(ChronoUnit.SECONDS))
            .thenComparingInt(Timeline::rank)
            .thenComparing(Entry::at));
    return new Timeline(List.copyOf(entries));
  }
}
