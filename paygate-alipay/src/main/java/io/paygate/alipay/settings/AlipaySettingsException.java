package io.paygate.alipay.settings;

/**
 * A configuration mistake found at start-up. The message names the offending property and never
 * contains key material, so it is safe to log and to show an operator.
 */
public final class AlipaySettingsException extends IllegalStateException {

  private final String property;
  private final String problem;

  public AlipaySettingsException(String property, String problem) {
    super(property + ": " + problem);
    this.property = property;
    this.problem = problem;
  }

  /** What is wrong with the property. */
  public String problem() {
    return problem;
  }

  /**
   * The same mistake, named as one of several apps spells the property ({@code
   * paygate.alipay.apps.<name>.private-key} for {@code paygate.alipay.private-key}).
   */
  public AlipaySettingsException under(String prefix) {
    return new AlipaySettingsException(property.replace("paygate.alipay.", prefix), problem);
  }

  /** The configuration property to fix, such as {@code paygate.alipay.private-key}. */
  public String property() {
    return property;
  }
}
