package io.paygate.server.sandbox;

import org.springframework.core.env.Environment;

/**
 * Whether the Alipay sandbox runs embedded: when {@code paygate.sandbox.enabled} says so, or, left
 * unset, when no real Alipay app is configured. A production configuration never embeds it.
 */
public final class SandboxMode {

  private SandboxMode() {}

  public static boolean embedded(Environment environment) {
    String enabled = environment.getProperty("paygate.sandbox.enabled");
    if (enabled != null && !enabled.isBlank()) {
      return Boolean.parseBoolean(enabled.trim());
    }
    String appId = environment.getProperty("paygate.alipay.app-id");
    return appId == null || appId.isBlank();
  }
}
