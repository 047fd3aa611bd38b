package io.paygate.alipay.notify;

import com.alipay.api.internal.util.AlipaySignature;
import io.paygate.core.channel.NotificationCheck;
import io.paygate.core.channel.NotifyReply;
import java.util.HashMap;
import java.util.Map;

/** A notification's parameters as they may be kept for operators. */
public final class NotifyParameters {

  /**
   * Alipay reads only the body: {@code success} once the change is committed, anything else has it
   * deliver again. The status of a refusal tells everyone else it changed nothing.
   */
  public static final NotifyReply.Choice REPLIES =
      new NotifyReply.Choice(
          new NotifyReply(200, "text/plain", "success"),
          new NotifyReply(400, "text/plain", "failure"));

  private NotifyParameters() {}

  /** A rejection with Alipay's replies, naming the out_trade_no the form claims (for logs). */
  public static NotificationCheck.Rejected rejected(
      String reason, Map<String, String> parameters, String redacted) {
    String claimed = parameters == null ? null : parameters.get("out_trade_no");
    return new NotificationCheck.Rejected(reason, claimed, redacted, REPLIES);
  }

  /**
   * The parameters without the signature ({@code sign}), sorted, as text: the SDK's own signing
   * content (it drops {@code sign} and empty values, as Alipay sends none).
   */
  public static String redacted(Map<String, String> parameters) {
    if (parameters == null) {
      return "";
    }
    Map<String, String> copy = new HashMap<>();
    parameters.forEach(
        (name, value) -> {
          if (name != null) {
            copy.put(name, value);
          }
        });
    // The SDK removes sign from the map it is given: it gets a copy.
    return AlipaySignature.getSignCheckContentV2(copy);
  }
}
