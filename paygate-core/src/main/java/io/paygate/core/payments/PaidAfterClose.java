package io.paygate.core.payments;

/** What PayGate does with money that arrives for a payment it had closed. */
public enum PaidAfterClose {
  /** Book it, flag it, and refund it in full by itself (the default). */
  REFUND,
  /** Book it and flag it; the merchant decides. */
  KEEP
}
