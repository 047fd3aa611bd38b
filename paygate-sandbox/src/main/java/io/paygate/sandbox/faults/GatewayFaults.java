package io.paygate.sandbox.faults;

import io.paygate.sandbox.gateway.ApiOutcome;
import io.paygate.sandbox.gateway.GatewayCall;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The one place where fault injection hooks into the gateway: consulted after a request is verified
 * and before the API runs. Today it never interferes; later it can answer a share of calls with
 * ACQ.SYSTEM_ERROR/20000, stall for a timeout, or flag responses for a forged sign.
 */
@Component
public class GatewayFaults {

  public Optional<ApiOutcome> before(GatewayCall call) {
    return Optional.empty();
  }
}
