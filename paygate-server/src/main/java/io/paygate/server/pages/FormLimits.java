package io.paygate.server.pages;

import io.paygate.core.channel.ChannelRules;

/**
 * The configured channel's rules as a page's form writes them (maxlength, pattern, title), so what
 * the browser refuses is what the core refuses. Plain values: templates may not call into {@code
 * java.util.regex}.
 *
 * @param numberPattern the merchant numbers' pattern, as an HTML {@code pattern} (whole value)
 * @param numberDescription what a matching number is, for the field's {@code title}
 */
public record FormLimits(
    int maxSubject,
    int maxBody,
    int maxRefundReason,
    String numberPattern,
    String numberDescription) {

  public static FormLimits of(ChannelRules rules) {
    return new FormLimits(
        rules.maxSubject(),
        rules.maxBody(),
        rules.maxRefundReason(),
        rules.merchantNumber().pattern().pattern(),
        rules.merchantNumber().description());
  }
}
