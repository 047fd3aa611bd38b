package io.paygate.sandbox.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Alipay's redelivery intervals after a failed attempt: 4m, 10m, 10m, 1h, 2h, 6h, 15h — eight
 * attempts over about 25 hours, then it gives up.
 */
public final class RetrySchedule {

  public static final List<Duration> INTERVALS =
      List.of(
          Duration.ofMinutes(4),
          Duration.ofMinutes(10),
          Duration.ofMinutes(10),
          Duration.ofHours(1),
          Duration.ofHours(2),
          Duration.ofHours(6),
          Duration.ofHours(15));

  private RetrySchedule() {}

  /** When to try again after the {@code attemptsMade}-th scheduled attempt failed at {@code at}. */
  public static Optional<Instant> next(int attemptsMade, Instant at) {
    if (attemptsMade < 1 || attemptsMade > INTERVALS.size()) {
      return Optional.empty();
    }
    return Optional.of(at.plus(INTERVALS.get(attemptsMade - 1)));
  }
}
