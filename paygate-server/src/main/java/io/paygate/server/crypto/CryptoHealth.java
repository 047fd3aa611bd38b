package io.paygate.server.crypto;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code crypto} in {@code /actuator/health}: which provider signs SHA256withRSA. Always UP, the
 * JDK's provider is a slower but correct fallback, never a reason to take the instance out.
 */
@Component("crypto")
public class CryptoHealth implements HealthIndicator {

  private final CryptoProperties properties;

  public CryptoHealth(CryptoProperties properties) {
    this.properties = properties;
  }

  @Override
  public Health health() {
    // Asked each time, not remembered: the provider list is the JVM's, not this context's.
    return Health.up()
        .withDetails(SigningProvider.now(properties.nativeProvider()).details())
        .build();
  }
}
