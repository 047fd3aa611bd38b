package io.paygate.server.pages;

import io.paygate.core.errors.ErrorCode;
import io.paygate.core.errors.PayGateException;
import io.paygate.server.sandbox.SandboxMode;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Whether people may refund and close from the pages (see {@link PagesProperties}). */
@Component
public class OperatorTools {

  private final boolean enabled;

  public OperatorTools(PagesProperties properties, Environment environment) {
    this.enabled =
        properties.operatorTools() != null
            ? properties.operatorTools()
            : SandboxMode.embedded(environment);
  }

  public boolean enabled() {
    return enabled;
  }

  /** Refuses (shown as the problem page) when people may not refund or close here. */
  public void require() {
    if (!enabled) {
      throw refusal();
    }
  }

  /** Why a person may not refund or close here. */
  public PayGateException refusal() {
    return new PayGateException(
        ErrorCode.OPERATOR_TOOLS_OFF,
        "退款和关闭在此配置下不可用 Refund and close are off in this configuration"
            + " (paygate.pages.operator-tools)");
  }
}
