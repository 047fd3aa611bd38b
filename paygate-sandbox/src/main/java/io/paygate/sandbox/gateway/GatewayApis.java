package io.paygate.sandbox.gateway;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Every {@link GatewayApi} bean, by method name: adding an API is adding one class. */
@Component
public class GatewayApis {

  private final Map<String, GatewayApi> byMethod;

  public GatewayApis(List<GatewayApi> apis) {
    this.byMethod =
        apis.stream().collect(Collectors.toMap(GatewayApi::method, Function.identity()));
  }

  public java.util.Set<String> methods() {
    return byMethod.keySet();
  }

  public Optional<GatewayApi> find(String method) {
    return Optional.ofNullable(byMethod.get(method));
  }
}
