package io.paygate.alipay.gateway;

/** What a send step produced, as the pipeline stores it with the exchange. */
public sealed interface Answer permits GatewayAnswer, FormAnswer {

  /** The response text for the record (redacted on the way in); null when there is none to keep. */
  String recorded();
}
