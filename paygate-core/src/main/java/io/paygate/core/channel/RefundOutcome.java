package io.paygate.core.channel;

import io.paygate.core.money.Money;
import java.time.Instant;

/** The channel's answer to a refund request. */
public sealed interface RefundOutcome {

  /**
   * The channel took the request.
   *
   * @param totalRefunded the trade's cumulative refunded amount after this request
   * @param fundChanged whether this very call moved money; false means "ask again to be sure"
   */
  record Accepted(Money totalRefunded, boolean fundChanged, Instant refundedAt)
      implements RefundOutcome {}

  record Refused(ChannelError error) implements RefundOutcome {}

  /** Timeout or system error: the refund may or may not have happened. */
  record Unknown(String reason) implements RefundOutcome {}
}
