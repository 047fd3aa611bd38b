package io.paygate.core.testing;

import io.paygate.core.payments.BookEvent;
import io.paygate.core.payments.BookEvents;
import io.paygate.core.payments.PaymentEvent;
import io.paygate.core.refunds.RefundEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The facts the core announced, each with whether it was announced inside a transaction: a fact the
 * shop is told of must be, so that its webhook event commits with its change.
 */
public final class RecordingBookEvents implements BookEvents {

  /** A fact, named as the tests read it, and whether a transaction was running. */
  public record Announced(BookEvent event, String what, boolean inTransaction) {}

  private final DirectTransactions transactions;
  private final List<Announced> announced = new ArrayList<>();

  public RecordingBookEvents(DirectTransactions transactions) {
    this.transactions = transactions;
  }

  @Override
  public void announce(BookEvent event) {
    announced.add(new Announced(event, name(event), transactions.inside()));
  }

  private static String name(BookEvent event) {
    if (event instanceof PaymentEvent.Paid paid) {
      return paid.fulfil() ? "PAID" : "PAID (not announced)";
    }
    if (event instanceof PaymentEvent.AttentionRaised raised) {
      return "attention " + raised.payment().attention();
    }
    if (event instanceof PaymentEvent payment) {
      return payment instanceof PaymentEvent.Created
          ? "CREATED"
          : payment.payment().status().name();
    }
    RefundEvent refund = (RefundEvent) event;
    return refund.refund().outRequestNo() + " " + refund.refund().status();
  }

  /** Every fact, in order. */
  public List<Announced> all() {
    return List.copyOf(announced);
  }

  /** The changes of one payment the shop hears of, by what changed, in order. */
  public List<String> changes(String outTradeNo) {
    return announced.stream()
        .filter(a -> a.event() instanceof PaymentEvent)
        .filter(a -> !(a.event() instanceof PaymentEvent.Created))
        .filter(a -> a.event().outTradeNo().equals(outTradeNo))
        .map(Announced::what)
        .toList();
  }

  /** The facts the shop is told of that were announced outside any transaction. */
  public List<Announced> toldOutsideATransaction() {
    return announced.stream().filter(a -> a.event().toldToTheShop() && !a.inTransaction()).toList();
  }
}
