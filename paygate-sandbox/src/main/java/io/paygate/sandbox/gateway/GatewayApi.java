package io.paygate.sandbox.gateway;

/** One OpenAPI method, e.g. {@code alipay.trade.query}; registered by its method name. */
public interface GatewayApi {

  String method();

  ApiOutcome handle(GatewayCall call);

  /** Page-style methods answer browsers: errors become an HTML page, not signed JSON. */
  default boolean browserFacing() {
    return false;
  }
}
