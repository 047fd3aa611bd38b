package io.paygate.server.apikeys;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The merchant API.
 *
 * @param bootstrapKey a bearer key that is valid for every {@code /api} route
 */
@ConfigurationProperties("paygate.api")
public record ApiProperties(String bootstrapKey) {

  public boolean hasBootstrapKey() {
    return bootstrapKey != null && !bootstrapKey.isBlank();
  }
}
