package io.paygate.core.payments;

/**
 * A cancelled payment as the books hold it afterwards, and what the channel did to cancel it.
 *
 * @param action {@code close} (it was unpaid) or {@code refund} (it was paid and all went back)
 */
public record Cancellation(Payment payment, String action) {}
