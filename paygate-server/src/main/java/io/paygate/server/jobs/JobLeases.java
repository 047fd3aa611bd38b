package io.paygate.server.jobs;

import static io.paygate.server.support.Times.column;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Leases in the {@code job_leases} table, so a scheduled job runs on one instance of a cluster at a
 * time: an instance takes the lease if it is free or expired, or already its own.
 */
@Component
public class JobLeases {

  private final JdbcClient jdbc;
  private final Clock clock;
  private final String owner = UUID.randomUUID().toString();

  public JobLeases(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public boolean tryAcquire(String job, Duration length) {
    Instant now = clock.instant();
    int taken =
        jdbc.sql(
                "UPDATE job_leases SET owner = ?, leased_until = ?"
                    + " WHERE job_name = ? AND (leased_until < ? OR owner = ?)")
            .params(owner, column(now.plus(length)), job, column(now), owner)
            .update();
    if (taken == 1) {
      return true;
    }
    try {
      jdbc.sql("INSERT INTO job_leases (job_name, owner, leased_until) VALUES (?, ?, ?)")
          .params(job, owner, column(now.plus(length)))
          .update();
      return true;
    } catch (DuplicateKeyException heldElsewhere) {
      return false;
    }
  }

  public void release(String job) {
    jdbc.sql("UPDATE job_leases SET leased_until = ? WHERE job_name = ? AND owner = ?")
        .params(column(clock.instant()), job, owner)
        .update();
  }
}
