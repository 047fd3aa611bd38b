package io.paygate.sandbox.gateway;

/** One OpenAPI method, e.g. {@code alipay.trade.query}; registered by its method name. */
public interface GatewayApi {

  String method();

  ApiOutcome handle(GatewayCall call);

  /**
   * The key an API's refusals are answered under: its own {@code <method>_response}, or {@code
   * error_response} for the older APIs Alipay answers that way ({@code alipay.system.oauth.token}).
   */
  default String errorKey() {
    return SignedResponses.responseKey(method());
  }

  /** Page-style methods answer browsers: errors become an HTML page, not signed JSON. */
  default boolean browserFacing() {
    return false;
  }
}
