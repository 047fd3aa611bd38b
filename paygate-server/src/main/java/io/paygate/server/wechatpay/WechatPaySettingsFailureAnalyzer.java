package io.paygate.server.wechatpay;

import io.paygate.wechatpay.settings.WechatPaySettingsException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A misconfigured WeChat Pay merchant stops the start with one clear paragraph, not a stack trace.
 * The module's messages name each setting they blame, never a key's text.
 */
public class WechatPaySettingsFailureAnalyzer
    extends AbstractFailureAnalyzer<WechatPaySettingsException> {

  private static final Pattern PROPERTY = Pattern.compile("paygate\\.[a-z0-9.-]*[a-z0-9]");

  @Override
  protected FailureAnalysis analyze(Throwable root, WechatPaySettingsException cause) {
    Set<String> properties = new LinkedHashSet<>();
    Matcher matcher = PROPERTY.matcher(cause.getMessage());
    while (matcher.find()) {
      properties.add(matcher.group());
    }
    return new FailureAnalysis(
        "The WeChat Pay configuration is incomplete or wrong: " + cause.getMessage(),
        properties.isEmpty()
            ? "Fix the paygate.wechatpay.* properties, or set paygate.wechatpay.enabled=false."
            : "Fix the property "
                + String.join(", ", properties)
                + " (or its environment variable).",
        cause);
  }
}
