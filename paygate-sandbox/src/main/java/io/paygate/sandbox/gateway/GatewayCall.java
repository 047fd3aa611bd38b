package io.paygate.sandbox.gateway;

import io.paygate.sandbox.apps.App;
import java.nio.charset.Charset;
import java.util.Map;
import java.util.Optional;

/**
 * One verified request: the app is known and the signature checked.
 *
 * @param publicBase the sandbox's public base URL, for links handed to browsers
 */
public record GatewayCall(
    App app,
    String method,
    Map<String, String> params,
    BizContent biz,
    Charset charset,
    String publicBase) {

  public Optional<String> param(String name) {
    String value = params.get(name);
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
  }
}
