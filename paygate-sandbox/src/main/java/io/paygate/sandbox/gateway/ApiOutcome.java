package io.paygate.sandbox.gateway;

import java.util.LinkedHashMap;
import java.util.Map;

/** What one API call comes to; the gateway turns it into a signed body, an error page or a 302. */
public sealed interface ApiOutcome {

  /** A 10000 answer; {@code fields} follow {@code code} and {@code msg} in this order. */
  record Success(Map<String, Object> fields) implements ApiOutcome {}

  /** An Alipay error; {@code extra} (e.g. zeroed amounts) follows the sub_msg. */
  record Failure(GatewayError error, Map<String, Object> extra) implements ApiOutcome {
    public Failure(GatewayError error) {
      this(error, Map.of());
    }
  }

  /** Browser-facing APIs send the buyer on (to the cashier). */
  record Redirect(String location) implements ApiOutcome {}

  static Success success(Map<String, Object> fields) {
    return new Success(new LinkedHashMap<>(fields));
  }
}
