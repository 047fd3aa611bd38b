package io.paygate.server.payments;

import io.paygate.core.payments.PaidAfterClose;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Payment rules a shop chooses ({@code paygate.payments.*}).
 *
 * @param paidAfterClose money that arrives for a closed payment is always booked and flagged;
 *     {@code refund} (the default) also gives it back in full, {@code keep} leaves that to the shop
 * @param barcodeWait how long a barcode payment waits for the buyer to confirm on the phone before
 *     it is cancelled (Alipay prescribes about 30 s)
 * @param barcodePoll how often the trade is asked about meanwhile
 */
@ConfigurationProperties("paygate.payments")
public record PaymentsProperties(
    @DefaultValue("refund") PaidAfterClose paidAfterClose,
    @DefaultValue("PT30S") Duration barcodeWait,
    @DefaultValue("PT3S") Duration barcodePoll) {}
