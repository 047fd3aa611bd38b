package io.paygate.server.wechatpay;

import io.paygate.server.sandbox.SandboxMode;
import java.net.URI;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * WeChat Pay is a channel when a merchant is configured ({@code paygate.wechatpay.mchid}) or the
 * embedded sandbox runs (its default merchant), unless {@code paygate.wechatpay.enabled=false}. A
 * production start without a merchant sees nothing of WeChat Pay.
 */
class WechatPayCondition implements Condition {

  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    Environment environment = context.getEnvironment();
    if (!environment.getProperty("paygate.wechatpay.enabled", Boolean.class, true)) {
      return false;
    }
    String mchid = environment.getProperty("paygate.wechatpay.mchid");
    if (mchid != null && !mchid.isBlank()) {
      return true;
    }
    return SandboxMode.embedded(environment) && knownPort(environment);
  }

  /**
   * The embedded default calls this instance's own {@code /sandbox/wechatpay} through {@code
   * paygate.public-url}; on a random port ({@code server.port=0}, tests only) that address is not
   * known before the start, so there is no embedded WeChat Pay merchant.
   */
  private static boolean knownPort(Environment environment) {
    String publicUrl = environment.getProperty("paygate.public-url");
    try {
      return publicUrl == null || URI.create(publicUrl).getPort() != 0;
    } catch (IllegalArgumentException e) {
      return true; // PayGateProperties names a bad URL
    }
  }
}
