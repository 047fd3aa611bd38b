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
 * @param firstCheck how soon after a call leaves the process its item is checked if no answer moves
 *     its row (a new payment's first check too): what another instance waits for after a crash
 * @param sweepInterval how often the sweep looks for open items without a row (and at start-up)
 * @param heartbeatInterval how often a running check says it is alive; a check silent for six of
 *     these (its instance died) is taken over by another instance
 * @param shutdownMaxWait how long a stopping instance waits for its running checks to finish; what
 *     is still unknown then is left to its rows
 */
@ConfigurationProperties("paygate.jobs")
public record RecoveryProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("10s") Duration pollInterval,
    @DefaultValue("4") int threads,
    @DefaultValue("1m") Duration firstCheck,
    @DefaultValue("1m") Duration sweepInterval,
    @DefaultValue("10s") Duration heartbeatInterval,
    @DefaultValue("10s") Duration shutdownMaxWait) {

  public RecoveryProperties {
    if (threads < 1 || threads > 64) {
      throw new IllegalArgumentException("paygate.jobs.threads must be 1 to 64, got " + threads);
    }
    positive("poll-interval", pollInterval);
    positive("first-check", firstCheck);
    positive("sweep-interval", sweepInterval);
    positive("heartbeat-interval", heartbeatInterval);
    if (shutdownMaxWait.isNegative()) {
      throw new IllegalArgumentException("paygate.jobs.shutdown-max-wait must not be negative");
    }
  }

  private static void positive(String name, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("paygate.jobs." + name + " must be positive");
    }
  }
}
