package io.paygate.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Each endpoint's slots: a full endpoint refuses more work, another endpoint still gets its own.
 */
class EndpointLanesTest {

  @Test
  void aFullEndpointTakesNoMoreWhileAnotherStillRuns() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch slowStarted = new CountDownLatch(2);
    CountDownLatch afterwards = new CountDownLatch(2);
    Runnable hold =
        () -> {
          slowStarted.countDown();
          await(release);
        };
    try (EndpointLanes lanes = new EndpointLanes(2, 8)) {
      assertThat(lanes.tryRun("slow", hold, afterwards::countDown)).isTrue();
      assertThat(lanes.tryRun("slow", hold, afterwards::countDown)).isTrue();
      assertThat(slowStarted.await(10, TimeUnit.SECONDS)).isTrue();
      // Its two slots are held: a third is refused (it stays due in the table).
      assertThat(lanes.tryRun("slow", hold, () -> {})).isFalse();
      assertThat(lanes.busy("slow")).isEqualTo(2);

      // Another endpoint runs meanwhile.
      CountDownLatch ran = new CountDownLatch(1);
      assertThat(lanes.tryRun("quick", ran::countDown, () -> {})).isTrue();
      assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(lanes.busy("slow")).isEqualTo(2);

      // Once released, the slots come back and each worker's follow-up runs.
      release.countDown();
      assertThat(afterwards.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(lanes.tryRun("slow", () -> {}, () -> {})).isTrue();
    }
  }

  @Test
  void allThreadsBusyRefusesWorkRatherThanQueueingIt() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(2);
    Runnable hold =
        () -> {
          started.countDown();
          await(release);
        };
    try (EndpointLanes lanes = new EndpointLanes(1, 2)) {
      assertThat(lanes.tryRun("a", hold, () -> {})).isTrue();
      assertThat(lanes.tryRun("b", hold, () -> {})).isTrue();
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(lanes.tryRun("c", () -> {}, () -> {})).isFalse();
      // The refused work did not keep c's slot.
      assertThat(lanes.busy("c")).isZero();
      release.countDown();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
