package io.paygate.core.notify;

/**
 * The core's decision on a notification: taken only once its effect is committed, otherwise refused
 * so the channel delivers it again (or gives up on a forgery). What the provider is answered for
 * each is the channel's (see {@link Handled}).
 */
public sealed interface NotifyAck {

  record Accepted(String outcome) implements NotifyAck {}

  /** Why a notification was refused, in few enough words to count by. */
  enum Refusal {
    /** It did not verify: a forgery, tampered, or for another merchant account. */
    NOT_GENUINE,
    /** Genuine, but for a payment PayGate does not hold. */
    UNKNOWN_PAYMENT,
    /** Genuine, but it contradicts the payment (amount, numbers). */
    MISMATCH,
    /** Genuine, and it can be applied once something else settles: deliver it again. */
    TRY_LATER
  }

  record Refused(Refusal refusal, String reason) implements NotifyAck {}
}
