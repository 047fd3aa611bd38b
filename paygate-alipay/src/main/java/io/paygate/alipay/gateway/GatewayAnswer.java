package io.paygate.alipay.gateway;

import com.alipay.api.AlipayResponse;

/** What one call to the gateway produced: a response whose signature the SDK checked, or none. */
public sealed interface GatewayAnswer<T extends AlipayResponse> {

  /** A parsed response (any code). Its signature has been verified by the SDK. */
  record Answered<T extends AlipayResponse>(T response) implements GatewayAnswer<T> {}

  /** Timeout, I/O error, unparseable or badly signed body: we do not know what happened. */
  record NoAnswer<T extends AlipayResponse>(String reason) implements GatewayAnswer<T> {}
}
