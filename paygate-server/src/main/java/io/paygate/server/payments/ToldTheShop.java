package io.paygate.server.payments;

import java.util.List;

/**
 * What the shop was told of a payment (its webhook events, each with its deliveries in a word or
 * two), for the payment page's history. A port: the webhooks feature answers it, so that payments
 * know nothing of webhooks.
 */
public interface ToldTheShop {

  List<Timeline.Told> forPayment(String outTradeNo);
}
