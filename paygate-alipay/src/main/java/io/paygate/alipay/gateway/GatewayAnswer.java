package io.paygate.alipay.gateway;

import com.alipay.api.AlipayResponse;

/** What one call to the gateway produced: a signed response the SDK verified, or none. */
public sealed interface GatewayAnswer<T extends AlipayResponse> extends Answer {

  /** A parsed, signed response (any code); the SDK verified the signature. */
  record Answered<T extends AlipayResponse>(T response) implements GatewayAnswer<T> {
    @Override
    public String recorded() {
      return response.getBody();
    }
  }

  /** Timeout, I/O error, unparseable, unsigned or badly signed body: we do not know. */
  record NoAnswer<T extends AlipayResponse>(String reason) implements GatewayAnswer<T> {
    @Override
    public String recorded() {
      return "(no answer) " + reason;
    }
  }
}
