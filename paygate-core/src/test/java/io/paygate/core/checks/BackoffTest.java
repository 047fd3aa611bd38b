package io.paygate.core.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

  /** The channel's pause before a refund is first asked about. */
  private static final Duration PAUSE = Duration.ofSeconds(10);

  @Test
  void paymentChecksStartAtAMinuteAndDoubleToHalfAnHour() {
    assertThat(IntStream.rangeClosed(0, 7).mapToObj(Backoff::payment))
        .containsExactly(
            Duration.ofMinutes(1),
            Duration.ofMinutes(2),
            Duration.ofMinutes(4),
            Duration.ofMinutes(8),
            Duration.ofMinutes(16),
            Duration.ofMinutes(30),
            Duration.ofMinutes(30),
            Duration.ofMinutes(30));
    assertThat(Backoff.PAYMENT_CAP).isEqualTo(Duration.ofMinutes(30));
    assertThat(Backoff.FIRST_PAYMENT_CHECK).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void refundChecksStartAfterTheChannelsPauseThenAMinuteAndDoubleToAnHour() {
    assertThat(IntStream.rangeClosed(0, 9).mapToObj(n -> Backoff.refund(n, PAUSE)))
        .containsExactly(
            Duration.ofSeconds(10),
            Duration.ofMinutes(1),
            Duration.ofMinutes(2),
            Duration.ofMinutes(4),
            Duration.ofMinutes(8),
            Duration.ofMinutes(16),
            Duration.ofMinutes(32),
            Duration.ofHours(1),
            Duration.ofHours(1),
            Duration.ofHours(1));
    assertThat(Backoff.REFUND_CAP).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void manyAttemptsStayAtTheCapWithoutOverflowing() {
    for (int attempts : new int[] {19, 20, 62, 63, 64, 1_000, Integer.MAX_VALUE}) {
      assertThat(Backoff.payment(attempts))
          .as("payment %d", attempts)
          .isEqualTo(Backoff.PAYMENT_CAP);
      assertThat(Backoff.refund(attempts, PAUSE))
          .as("refund %d", attempts)
          .isEqualTo(Backoff.REFUND_CAP);
    }
  }

  @Test
  void theWaitNeverShrinksAsAttemptsGrow() {
    for (int attempts = 0; attempts < 100; attempts++) {
      assertThat(Backoff.payment(attempts + 1)).isGreaterThanOrEqualTo(Backoff.payment(attempts));
      assertThat(Backoff.refund(attempts + 1, PAUSE))
          .isGreaterThanOrEqualTo(Backoff.refund(attempts, PAUSE));
    }
  }
}
