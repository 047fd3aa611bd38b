package io.paygate.sandbox.clock;

import java.time.Instant;

/** Something that happens by itself once the virtual clock reaches it (retries, timeouts). */
public interface DueWork {

  /** Does what is due at {@code now}; returns how many items it handled. */
  int runDue(Instant now);
}
