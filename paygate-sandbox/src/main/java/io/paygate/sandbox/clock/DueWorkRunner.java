package io.paygate.sandbox.clock;

import java.util.List;
import org.springframework.stereotype.Component;

/** Runs every {@link DueWork} until nothing more is due (one change can make another due). */
@Component
public class DueWorkRunner {

  private static final int MAX_ROUNDS = 20;

  private final List<DueWork> work;
  private final VirtualClock clock;

  public DueWorkRunner(List<DueWork> work, VirtualClock clock) {
    this.work = work;
    this.clock = clock;
  }

  public synchronized void runAll() {
    for (int round = 0; round < MAX_ROUNDS; round++) {
      int handled = 0;
      for (DueWork each : work) {
        handled += each.runDue(clock.now());
      }
      if (handled == 0) {
        return;
      }
    }
  }
}
