package io.paygate.core.reconciliation;

import java.time.LocalDate;
import java.util.Optional;

/** Port: where reconciliation runs are kept, every one of them. */
public interface ReconciliationRepository {

  void save(Reconciliation reconciliation);

  /** The most recent run for the channel's app's bill of the day, or empty when none was made. */
  Optional<Reconciliation> findLatest(String channel, String app, LocalDate billDate);
}
