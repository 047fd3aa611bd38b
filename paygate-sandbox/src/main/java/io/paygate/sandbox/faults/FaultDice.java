package io.paygate.sandbox.faults;

import java.math.BigDecimal;
import java.util.concurrent.ThreadLocalRandom;

/** Rolls a share: 1.0 always hits, 0.0 never does; tests use those (or counts) only. */
public final class FaultDice {

  private static final BigDecimal SCALE = new BigDecimal(10_000);

  private FaultDice() {}

  public static boolean hits(BigDecimal share) {
    int threshold = share.multiply(SCALE).intValue();
    return threshold >= 10_000 || ThreadLocalRandom.current().nextInt(10_000) < threshold;
  }
}
