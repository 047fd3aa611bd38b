package io.paygate.sandbox.gateway;

import java.time.Duration;

/**
 * What fault injection does to one call. The gateway owns this shape and carries it out; the faults
 * feature, which stands above the gateway, decides it ({@link FaultPlanner}).
 */
public sealed interface FaultPlan {

  boolean forgeSignature();

  /**
   * Run the API and answer normally (possibly with a forged sign); {@code refundProcessing}, when
   * not null, makes a new refund complete that much virtual time later.
   */
  record Normal(boolean forgeSignature, Duration refundProcessing) implements FaultPlan {}

  /** Answer this error instead of running the API. */
  record Answer(GatewayError error, boolean forgeSignature) implements FaultPlan {}

  /** Run the API, then hold the answer this long (the client times out first). */
  record Hold(Duration hold, boolean forgeSignature) implements FaultPlan {}

  /** Do not run the API; hold this long, then answer {@code error} (the request was "lost"). */
  record Lost(Duration hold, GatewayError error, boolean forgeSignature) implements FaultPlan {}
}
