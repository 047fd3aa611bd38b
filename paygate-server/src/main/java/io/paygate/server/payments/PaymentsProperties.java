package io.paygate.server.payments;

import io.paygate.core.payments.PaidAfterClose;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Payment rules a shop chooses ({@code paygate.payments.*}).
 *
 * @param paidAfterClose money that arrives for a closed payment is always booked and flagged;
 *     {@code refund} (the default) also gives it back in full, {@code keep} leaves that to the shop
 */
@ConfigurationProperties("paygate.payments")
public record PaymentsProperties(@DefaultValue("refund") PaidAfterClose paidAfterClose) {}
