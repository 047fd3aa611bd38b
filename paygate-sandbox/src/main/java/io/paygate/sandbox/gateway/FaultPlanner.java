package io.paygate.sandbox.gateway;

/**
 * Where fault injection hooks into the gateway: asked after a request is verified and before the
 * API runs. A port the gateway owns, so the gateway never reaches up into the faults feature.
 */
public interface FaultPlanner {

  FaultPlan plan(GatewayCall call, boolean browserFacing);
}
