package io.paygate.server.recovery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The recovery scheduler ({@code paygate.jobs.*}).
 *
 * @param enabled whether this instance runs due checks and jobs (rows are written either way)
 * @param pollInterval how often it looks for due rows
 * @param threads how many items it works on at once
 */
@ConfigurationProperties("paygate.jobs")
public record RecoveryProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("10s") Duration pollInterval,
    @DefaultValue("4") int threads) {

  public RecoveryProperties {
    if (threads < 1 || threads > 64) {
      throw new IllegalArgumentException("paygate.jobs.threads must be 1 to 64, got " + threads);
    }
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("paygate.jobs.poll-interval must be positive");
    }
  }
}
