package io.paygate.alipay.notify;

import com.alipay.api.internal.util.AlipaySignature;
import java.util.HashMap;
import java.util.Map;

/** A notification's parameters as they may be kept for operators. */
public final class NotifyParameters {

  private NotifyParameters() {}

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
