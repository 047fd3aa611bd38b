package io.paygate.server.webhooks;

import io.paygate.server.payments.Timeline;
import io.paygate.server.payments.ToldTheShop;
import java.util.List;
import org.springframework.stereotype.Component;

/** The payment page's webhook history: a payment's events, each with its deliveries. */
@Component
class PaymentEventsTold implements ToldTheShop {

  private final Events events;
  private final WebhookDeliveries deliveries;

  PaymentEventsTold(Events events, WebhookDeliveries deliveries) {
    this.events = events;
    this.deliveries = deliveries;
  }

  @Override
  public List<Timeline.Told> forPayment(String outTradeNo) {
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
