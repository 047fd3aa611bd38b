package io.paygate.server;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The service's own settings.
 *
 * @param dataDir every file the service writes goes under here
 * @param publicUrl the base URL buyers' browsers and Alipay reach this service at
 * @param payTimeout how long a new payment stays payable
 */
@Validated
@ConfigurationProperties("paygate")
public record PayGateProperties(
    @DefaultValue("./data") Path dataDir,
    @DefaultValue("http://localhost:8080") String publicUrl,
    @DefaultValue("2h") Duration payTimeout) {

  public PayGateProperties {
    if (publicUrl.endsWith("/")) {
      publicUrl = publicUrl.substring(0, publicUrl.length() - 1);
    }
    if (!publicUrl.startsWith("http://") && !publicUrl.startsWith("https://")) {
      throw new IllegalArgumentException(
          "paygate.public-url must be an http:// or https:// URL, got: " + publicUrl);
    }
  }
}
