package io.paygate.core.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock a test moves by hand, in place of waiting for a schedule. Made with a start instant it
 * stands still there until moved (the core's tests); made without, it runs with the real time plus
 * what the test moved it by (a whole server, whose requests need time to pass).
 */
public final class MutableClock extends Clock {

  /** The fixed instant, or null when the clock runs with the real time. */
  private final AtomicReference<Instant> fixed;

  private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

  /** A clock standing still at {@code start} until set or advanced. */
  public MutableClock(Instant start) {
    this.fixed = new AtomicReference<>(start);
  }

  /** A clock running with the real time, ahead of it by what it was advanced. */
  public MutableClock() {
    this.fixed = null;
  }

  public void set(Instant instant) {
    if (fixed != null) {
      fixed.set(instant);
    } else {
      offset.set(Duration.between(Instant.now(), instant));
    }
  }

  public void advance(Duration by) {
    if (fixed != null) {
      fixed.updateAndGet(now -> now.plus(by));
    } else {
      offset.updateAndGet(current -> current.plus(by));
    }
  }

  @Override
  public Instant instant() {
    return fixed != null ? fixed.get() : Instant.now().plus(offset.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    // One clock, moved by the test: a copy in another zone would not move with it.
    return this;
  }
}
