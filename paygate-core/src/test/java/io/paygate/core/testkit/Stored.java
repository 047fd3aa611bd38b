package io.paygate.core.testkit;

import io.paygate.core.exchanges.Exchange;
import io.paygate.core.payments.Payment;
import io.paygate.core.refunds.Refund;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What the database keeps of a value, so the in-memory fakes keep the same: instants to the nearest
 * microsecond (PostgreSQL and H2 round, they do not truncate), an exchange's texts clipped.
 */
public final class Stored {

  /** The exchanges table's request and response columns. */
  public static final int EXCHANGE_TEXT = 8000;

  private Stored() {}

  public static Instant instant(Instant instant) {
    return instant == null ? null : instant.plusNanos(500).truncatedTo(ChronoUnit.MICROS);
  }

  public static Payment payment(Payment p) {
    return new Payment(
        p.outTradeNo(),
        p.app(),
        p.product(),
        p.totalAmount(),
        p.subject(),
        p.body(),
        p.status(),
        p.tradeNo(),
        p.buyerLogonId(),
        p.buyerId(),
        p.refundedAmount(),
        instant(p.createdAt()),
        instant(p.updatedAt()),
        instant(p.expiresAt()),
        instant(p.paidAt()),
        instant(p.closedAt()),
        p.attention(),
        p.buyer(),
        instant(p.finishedAt()),
        p.way(),
        p.channel());
  }

  public static Refund refund(Refund r) {
    return new Refund(
        r.outTradeNo(),
        r.outRequestNo(),
        r.refundAmount(),
        r.reason(),
        r.status(),
        r.failureCode(),
        r.failureMessage(),
        instant(r.createdAt()),
        instant(r.updatedAt()),
        instant(r.refundedAt()),
        r.origin());
  }

  public static Exchange exchange(Exchange e) {
    return new Exchange(
        instant(e.at()),
        e.direction(),
        e.operation(),
        e.outTradeNo(),
        clip(e.request()),
        clip(e.response()),
        e.outcome(),
        e.durationMillis());
  }

  private static String clip(String text) {
    return text == null || text.length() <= EXCHANGE_TEXT ? text : text.substring(0, EXCHANGE_TEXT);
  }
}
