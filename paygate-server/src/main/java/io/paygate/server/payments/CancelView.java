package io.paygate.server.payments;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code POST /api/v1/payments/{no}/cancel}'s answer: what Alipay did ({@code close} or {@code
 * refund}) and the payment as the books hold it afterwards. No action while Alipay's answer is
 * awaited (a 202: the cancel is in flight).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CancelView(String action, PaymentView payment) {}
