package io.paygate.core.refunds;

import io.paygate.core.money.Money;

/**
 * A request to refund part or all of a payment.
 *
 * @param outRequestNo the merchant's number for this refund, or null to have one generated
 */
public record NewRefund(Money refundAmount, String reason, String outRequestNo) {}
