package io.paygate.alipay.notify;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** A notification's parameters as they may be kept for operators. */
public final class NotifyParameters {

  private NotifyParameters() {}

  /** The parameters without the signature ({@code sign}), sorted, as text. */
  public static String redacted(Map<String, String> parameters) {
    if (parameters == null) {
      return "";
    }
    Map<String, String> kept = new TreeMap<>();
    parameters.forEach(
        (name, value) -> {
          if (name != null) {
            kept.put(name, value);
          }
        });
    kept.remove("sign");
    StringBuilder text = new StringBuilder();
    kept.forEach(
        (name, value) -> {
          if (!text.isEmpty()) {
            text.append('&');
          }
          text.append(name).append('=').append(Objects.toString(value, ""));
        });
    return text.toString();
  }
}
