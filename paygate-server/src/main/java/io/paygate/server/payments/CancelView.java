package io.paygate.server.payments;

/**
 * {@code POST /api/v1/payments/{no}/cancel}'s answer: what Alipay did ({@code close} or {@code
 * refund}) and the payment as the books hold it afterwards.
 */
public record CancelView(String action, PaymentView payment) {}
