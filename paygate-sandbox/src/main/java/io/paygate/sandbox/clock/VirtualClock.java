package io.paygate.sandbox.clock;

import io.paygate.sandbox.database.SandboxDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * The sandbox's virtual clock: real time plus an offset that only moves forward, persisted so a
 * restart keeps the sandbox's "now". A holder rather than a {@link Clock} bean, so a host server
 * injecting {@code Clock} never gets (or trips over) this one.
 */
@Component
public class VirtualClock {

  private final SandboxDatabase db;
  private final Clock real = Clock.systemUTC();
  private volatile long offsetMillis;

  public VirtualClock(SandboxDatabase db) {
    this.db = db;
    Long stored =
        db.jdbc().queryForObject("SELECT offset_millis FROM clock_state WHERE id = 1", Long.class);
    this.offsetMillis = stored == null ? 0 : stored;
  }

  public Instant now() {
    return real.instant().plusMillis(offsetMillis);
  }

  public long millis() {
    return now().toEpochMilli();
  }

  /** Moves the clock forward and returns the new now. */
  public synchronized Instant advance(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("the virtual clock never goes back");
    }
    long next = Math.addExact(offsetMillis, by.toMillis());
    db.jdbc().update("UPDATE clock_state SET offset_millis = ? WHERE id = 1", next);
    offsetMillis = next;
    return now();
  }
}
