package io.paygate.alipay.settings;

/**
 * A configuration mistake found at start-up. The message names the offending property and never
 * contains key material, so it is safe to log and to show an operator.
 */
public final class AlipaySettingsException extends IllegalStateException {

  private final String property;

  public AlipaySettingsException(String property, String problem) {
    super(property + ": " + problem);
    this.property = property;
  }

  /** The configuration property to fix, such as {@code paygate.alipay.private-key}. */
  public String property() {
    return property;
  }
}
