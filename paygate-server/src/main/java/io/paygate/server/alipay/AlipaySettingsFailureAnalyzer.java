package io.paygate.server.alipay;

import io.paygate.alipay.settings.AlipaySettingsException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A misconfigured Alipay app stops the start with one clear paragraph, not a stack trace. */
public class AlipaySettingsFailureAnalyzer
    extends AbstractFailureAnalyzer<AlipaySettingsException> {

  @Override
  protected FailureAnalysis analyze(Throwable root, AlipaySettingsException cause) {
    return new FailureAnalysis(
        "The Alipay configuration is incomplete or wrong: " + cause.getMessage(),
        "Fix the property " + cause.property() + " (or its environment variable).",
        cause);
  }
}
