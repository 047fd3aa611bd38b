package io.paygate.core.channel;

import io.paygate.core.money.Money;
import java.time.Instant;

/** What the channel needs to open its cashier for one payment. */
public record PayOrder(
    String app,
    String outTradeNo,
    Product product,
    Money totalAmount,
    String subject,
    String body,
    Instant expiresAt) {}
