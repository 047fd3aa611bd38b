package io.paygate.sandbox.gateway;

import io.paygate.sandbox.apps.App;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One verified request: the app is known and the signature checked.
 *
 * @param publicBase the sandbox's public base URL, for links handed to browsers
 * @param refundProcessing set by the refund_processing fault: a new refund completes this much
 *     virtual time later instead of at once; null normally
 */
public record GatewayCall(
    App app,
    String method,
    Map<String, String> params,
    BizContent biz,
    Charset charset,
    String publicBase,
    Duration refundProcessing) {

  public GatewayCall(
      App app,
      String method,
      Map<String, String> params,
      BizContent biz,
      Charset charset,
      String publicBase) {
    this(app, method, params, biz, charset, publicBase, null);
  }

  public GatewayCall withRefundProcessing(Duration delay) {
    return new GatewayCall(app, method, params, biz, charset, publicBase, delay);
  }

  public Optional<String> param(String name) {
    String value = params.get(name);
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
  }
}
