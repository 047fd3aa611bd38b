package io.paygate.core.payments;

import io.paygate.core.channel.Product;
import io.paygate.core.money.Money;
import java.time.Instant;

/**
 * A payment as PayGate keeps it.
 *
 * @param app the merchant's app at the channel the payment was made with
 * @param tradeNo Alipay's number, known once the buyer paid (or a query found the trade)
 * @param refundedAmount the sum of succeeded refunds
 * @param expiresAt after this the cashier no longer takes the payment
 * @param attention why an operator should look at it, or null
 */
public record Payment(
    String outTradeNo,
    String app,
    Product product,
    Money totalAmount,
    String subject,
    String body,
    PaymentStatus status,
    String tradeNo,
    String buyerLogonId,
    String buyerId,
    Money refundedAmount,
    Instant createdAt,
    Instant updatedAt,
    Instant expiresAt,
    Instant paidAt,
    Instant closedAt,
    Attention attention) {

  public boolean isPaid() {
    return PaymentStatus.PAID_STATUSES.contains(status);
  }

  public Money refundableAmount() {
    return totalAmount.leftAfter(refundedAmount);
  }
}
