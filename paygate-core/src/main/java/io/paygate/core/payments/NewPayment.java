package io.paygate.core.payments;

import io.paygate.core.channel.Product;
import io.paygate.core.money.Money;

/**
 * A request to take a payment.
 *
 * @param outTradeNo the merchant's own number, or null to have one generated
 * @param body an optional description
 */
public record NewPayment(
    Money totalAmount, String subject, String body, Product product, String outTradeNo) {}
