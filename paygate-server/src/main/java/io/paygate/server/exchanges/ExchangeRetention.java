package io.paygate.server.exchanges;

import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Exchanges are kept for {@code paygate.exchanges.retention}, unverified notifications for {@code
 * paygate.exchanges.unverified-retention}; a daily db-scheduler task (once per cluster) deletes
 * what is older, in batches so no statement holds the table long.
 */
@Component
public class ExchangeRetention {

  static final int BATCH = 1000;

  private static final Logger log = LoggerFactory.getLogger(ExchangeRetention.class);

  private final JdbcExchangeLog exchanges;
  private final ExchangesProperties properties;

  public ExchangeRetention(JdbcExchangeLog exchanges, ExchangesProperties properties) {
    this.exchanges = exchanges;
    this.properties = properties;
  }

  /** Deletes what is past its retention at {@code now}; returns how many rows. */
  public int purge(Instant now) {
    int deleted =
        deleteAll(now.minus(properties.unverifiedRetention()), JdbcExchangeLog.UNVERIFIED)
            + deleteAll(now.minus(properties.retention()), List.of());
    if (deleted > 0) {
      log.info("Deleted {} exchanges past their retention", deleted);
    }
    return deleted;
  }

  private int deleteAll(Instant cutoff, List<String> operations) {
    int total = 0;
    int deleted;
    do {
      deleted = exchanges.deleteBefore(cutoff, operations, BATCH);
      total += deleted;
    } while (deleted == BATCH);
    return total;
  }
}
