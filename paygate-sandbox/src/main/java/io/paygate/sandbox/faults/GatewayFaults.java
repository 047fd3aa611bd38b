package io.paygate.sandbox.faults;

import io.paygate.sandbox.gateway.GatewayCall;
import io.paygate.sandbox.gateway.GatewayError;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Where fault injection hooks into the gateway: consulted after a request is verified and before
 * the API runs. The first matching error rule (system_error, unavailable, timeout, lost) that hits
 * applies; a bad_signature rule applies on its own, on top; a refund_processing rule is rolled only
 * when no error rule hit (the refund must run to be accepted).
 */
@Component
public class GatewayFaults {

  private final FaultRepository rules;

  public GatewayFaults(FaultRepository rules) {
    this.rules = rules;
  }

  /** What to do to one call. */
  public sealed interface Plan {
    boolean forgeSignature();
  }

  /**
   * Run the API and answer normally (possibly with a forged sign); {@code refundProcessing}, when
   * not null, makes a new refund complete that much virtual time later.
   */
  public record Normal(boolean forgeSignature, Duration refundProcessing) implements Plan {}

  /** Answer this error instead of running the API. */
  public record Answer(GatewayError error, boolean forgeSignature) implements Plan {}

  /** Run the API, then hold the answer this long (the client times out first). */
  public record Hold(Duration hold, boolean forgeSignature) implements Plan {}

  /** Do not run the API; hold this long, then answer {@code error} (the request was "lost"). */
  public record Lost(Duration hold, GatewayError error, boolean forgeSignature) implements Plan {}

  public static final GatewayError SYSTEM_ERROR = GatewayError.business("ACQ.SYSTEM_ERROR", "系统错误");
  public static final GatewayError UNKNOWN_ERROR =
      new GatewayError("20000", "Service Currently Unavailable", "isp.unknow-error", "系统繁忙");

  public Plan plan(GatewayCall call, boolean browserFacing) {
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
