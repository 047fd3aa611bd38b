package io.paygate.server.exchanges;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The daily purge of exchanges past their retention; db-scheduler runs it once per cluster. */
@Configuration(proxyBeanMethods = false)
class ExchangeJobs {

  static final String PURGE = "exchanges-purge";

  @Bean
  RecurringTask<Void> exchangesPurge(ExchangeRetention retention, Clock clock) {
    return Tasks.recurring(PURGE, Schedules.fixedDelay(Duration.ofDays(1)))
        .execute((instance, context) -> retention.purge(clock.instant()));
  }
}
