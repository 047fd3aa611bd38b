package io.paygate.sandbox.faults;

import io.paygate.sandbox.gateway.FaultPlan;
import io.paygate.sandbox.gateway.FaultPlan.Answer;
import io.paygate.sandbox.gateway.FaultPlan.Hold;
import io.paygate.sandbox.gateway.FaultPlan.Lost;
import io.paygate.sandbox.gateway.FaultPlan.Normal;
import io.paygate.sandbox.gateway.FaultPlanner;
import io.paygate.sandbox.gateway.GatewayCall;
import io.paygate.sandbox.gateway.GatewayError;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The gateway's fault plan, from the stored rules: asked after a request is verified and before the
 * API runs. The first matching error rule (system_error, unavailable, timeout, lost) that hits
 * applies; a bad_signature rule applies on its own, on top; a refund_processing rule is rolled only
 * when no error rule hit (the refund must run to be accepted).
 */
@Component
public class GatewayFaults implements FaultPlanner {

  private final FaultRepository rules;

  public GatewayFaults(FaultRepository rules) {
    this.rules = rules;
  }

  public static final GatewayError SYSTEM_ERROR = GatewayError.business("ACQ.SYSTEM_ERROR", "系统错误");
  public static final GatewayError UNKNOWN_ERROR =
      new GatewayError("20000", "Service Currently Unavailable", "isp.unknow-error", "系统繁忙");

  @Override
  public FaultPlan plan(GatewayCall call, boolean browserFacing) {
    FaultRule error = null;
    boolean forge = false;
    List<FaultRule> gatewayRules = rules.all(FaultScope.GATEWAY);
    for (FaultRule rule : gatewayRules) {
      if (!rule.matchesMethod(call.method()) || rule.kind() == FaultKind.REFUND_PROCESSING) {
        continue;
      }
      boolean signatureRule = rule.kind() == FaultKind.BAD_SIGNATURE;
      if (signatureRule ? (forge || browserFacing) : error != null) {
        continue;
      }
      if (!FaultDice.hits(rule.share()) || !rules.spend(rule)) {
        continue;
      }
      if (signatureRule) {
        forge = true;
      } else {
        error = rule;
      }
    }
    if (error == null) {
      return new Normal(forge, refundProcessing(call, gatewayRules));
    }
    return switch (error.kind()) {
      case SYSTEM_ERROR -> new Answer(SYSTEM_ERROR, forge);
      case UNAVAILABLE -> new Answer(UNKNOWN_ERROR, forge);
      case TIMEOUT -> new Hold(Duration.ofSeconds(error.seconds()), forge);
      case LOST -> new Lost(Duration.ofSeconds(error.seconds()), UNKNOWN_ERROR, forge);
      default -> throw new IllegalStateException("not a gateway fault: " + error.kind());
    };
  }

  private Duration refundProcessing(GatewayCall call, List<FaultRule> gatewayRules) {
    for (FaultRule rule : gatewayRules) {
      if (rule.kind() == FaultKind.REFUND_PROCESSING
          && rule.matchesMethod(call.method())
          && FaultDice.hits(rule.share())
          && rules.spend(rule)) {
        return Duration.ofSeconds(rule.seconds());
      }
    }
    return null;
  }
}
