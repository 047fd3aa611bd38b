package io.paygate.sandbox.wechatpay.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * WeChat Pay's notification retries after a failed attempt: 15s, 15s, 30s, 3m, 10m, 20m, 30m, 30m,
 * 30m, 60m, 3h, 3h, 3h, 6h, 6h — fifteen retries over about 24 hours 4 minutes, then none.
 */
public final class WxRetrySchedule {

  public static final List<Duration> INTERVALS =
      List.of(
          Duration.ofSeconds(15),
          Duration.ofSeconds(15),
          Duration.ofSeconds(30),
          Duration.ofMinutes(3),
          Duration.ofMinutes(10),
          Duration.ofMinutes(20),
          Duration.ofMinutes(30),
          Duration.ofMinutes(30),
          Duration.ofMinutes(30),
          Duration.ofMinutes(60),
          Duration.ofHours(3),
          Duration.ofHours(3),
          Duration.ofHours(3),
          Duration.ofHours(6),
          Duration.ofHours(6));

  private WxRetrySchedule() {}

  /** When to try again after the {@code attemptsMade}-th scheduled attempt failed at {@code at}. */
  public static Optional<Instant> next(int attemptsMade, Instant at) {
    if (attemptsMade < 1 || attemptsMade > INTERVALS.size()) {
      return Optional.empty();
    }
    return Optional.of(at.plus(INTERVALS.get(attemptsMade - 1)));
  }
}
