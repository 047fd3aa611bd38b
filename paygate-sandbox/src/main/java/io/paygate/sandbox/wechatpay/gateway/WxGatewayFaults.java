package io.paygate.sandbox.wechatpay.gateway;

import io.paygate.sandbox.faults.FaultDice;
import io.paygate.sandbox.faults.FaultKind;
import io.paygate.sandbox.faults.FaultRepository;
import io.paygate.sandbox.faults.FaultRule;
import io.paygate.sandbox.faults.FaultScope;
import io.paygate.sandbox.wechatpay.wire.WxError;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The sandbox's gateway fault rules (shared with the Alipay gateway, {@code /sandbox/api/faults})
 * as they act on WeChat Pay calls: a rule with no {@code methods} hits both gateways, one naming
 * {@code wechatpay.*} operations only those. {@code system_error} → 500 SYSTEM_ERROR and {@code
 * unavailable} → 503 SYSTEM_ERROR without running the API; {@code lost} holds the request then
 * answers 500 without running it; {@code timeout} runs it and holds the answer; {@code
 * bad_signature} signs the answer over other bytes. {@code refund_processing} naming {@code
 * wechatpay.refunds.create} keeps a new refund PROCESSING that long (see WxRefunds).
 */
@Component
public class WxGatewayFaults {

  private final FaultRepository rules;

  public WxGatewayFaults(FaultRepository rules) {
    this.rules = rules;
  }

  /** Throws the injected error, if a rule hits; returns how long to hold the answer (or zero). */
  Duration beforeCall(String operation) {
    for (FaultRule rule : rules.all(FaultScope.GATEWAY)) {
      if (!rule.matchesMethod(operation)
          || rule.kind() == FaultKind.BAD_SIGNATURE
          || rule.kind() == FaultKind.REFUND_PROCESSING
          || !FaultDice.hits(rule.share())
          || !rules.spend(rule)) {
        continue;
      }
      switch (rule.kind()) {
        case SYSTEM_ERROR -> throw WxError.of(500, "SYSTEM_ERROR", "系统繁忙，请稍后重试");
        case UNAVAILABLE -> throw WxError.of(503, "SYSTEM_ERROR", "系统繁忙，请稍后重试");
        case LOST -> {
          hold(Duration.ofSeconds(rule.seconds()));
          throw WxError.of(500, "SYSTEM_ERROR", "系统繁忙，请稍后重试");
        }
        case TIMEOUT -> {
          return Duration.ofSeconds(rule.seconds());
        }
        default -> {}
      }
    }
    return Duration.ZERO;
  }

  /**
   * For a refund that passed the gateway: how long a {@code refund_processing} rule naming this
   * operation keeps the new refund PROCESSING (virtual time), or null for none.
   */
  public Duration refundProcessing(String operation) {
    for (FaultRule rule : rules.all(FaultScope.GATEWAY)) {
      if (rule.kind() == FaultKind.REFUND_PROCESSING
          && rule.methods().contains(operation)
          && FaultDice.hits(rule.share())
          && rules.spend(rule)) {
        return Duration.ofSeconds(rule.seconds());
      }
    }
    return null;
  }

  boolean forgeSignature(String operation) {
    for (FaultRule rule : rules.all(FaultScope.GATEWAY)) {
      if (rule.kind() == FaultKind.BAD_SIGNATURE
          && rule.matchesMethod(operation)
          && FaultDice.hits(rule.share())
          && rules.spend(rule)) {
        return true;
      }
    }
    return false;
  }

  static void hold(Duration duration) {
    if (duration.isZero()) {
      return;
    }
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
