package io.paygate.core.channel;

import io.paygate.core.money.Money;
import java.time.Instant;

/** The answer to a refund query. */
public sealed interface RefundLookup {

  record Refunded(Money amount, Instant refundedAt) implements RefundLookup {}

  /** The channel holds no successful refund under that request number. */
  record NotRefunded() implements RefundLookup {}

  record Unknown(String reason) implements RefundLookup {}
}
