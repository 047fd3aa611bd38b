package io.paygate.server.payments;

import io.paygate.core.exchanges.ExchangeLog;
import io.paygate.core.payments.Payment;
import io.paygate.core.payments.PaymentService;
import io.paygate.core.refunds.Refund;
import io.paygate.core.refunds.RefundService;
import io.paygate.server.webhooks.Events;
import io.paygate.server.webhooks.WebhookDeliveries;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The payment page: its state, refunds and history. The refund form on it may come back to it with
 * what was typed and its error (see the refunds feature).
 */
@Component
public class PaymentPage {

  private final PaymentService payments;
  private final RefundService refunds;
  private final ExchangeLog exchanges;
  private final Events events;
  private final WebhookDeliveries deliveries;

  public PaymentPage(
      PaymentService payments,
      RefundService refunds,
      ExchangeLog exchanges,
      Events events,
      WebhookDeliveries deliveries) {
    this.payments = payments;
    this.refunds = refunds;
    this.exchanges = exchanges;
    this.events = events;
    this.deliveries = deliveries;
  }

  public String render(String outTradeNo, Model model) {
    Payment payment = payments.get(outTradeNo);
    List<Refund> itsRefunds = refunds.list(outTradeNo);
    model.addAttribute("payment", payment);
    model.addAttribute("refunds", itsRefunds);
    model.addAttribute(
        "timeline",
        Timeline.of(payment, exchanges.forPayment(outTradeNo), itsRefunds, told(outTradeNo)));
    return "payments/payment";
  }

  /** The payment's webhook events, each with its deliveries in a word or two. */
  private List<Timeline.Told> told(String outTradeNo) {
    return events.forPayment(outTradeNo).stream()
        .map(
            event ->
                new Timeline.Told(
                    event.id(),
                    event.type(),
                    event.created(),
                    deliveries.forEvent(event.id()).stream()
                        .map(d -> d.endpointId() + " " + d.status() + " (" + d.attempts() + ")")
                        .reduce((x, y) -> x + ", " + y)
                        .orElse("没有接收端 no endpoint")))
        .toList();
  }
}
