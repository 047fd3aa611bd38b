package io.paygate.server.idempotency;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.paygate.core.numbers.Identifiers;
import io.paygate.server.api.FilterProblems;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** Idempotency keys on {@code /api}, after the API key check (they are scoped to the key). */
@Configuration(proxyBeanMethods = false)
class IdempotencyConfiguration {

  /** Runs right after the API key filter. */
  static final int ORDER = 1;

  @Bean
  FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(
      IdempotencyKeys keys, JsonMapper json, Identifiers identifiers, Clock clock) {
    FilterRegistrationBean<IdempotencyFilter> registration =
        new FilterRegistrationBean<>(
            new IdempotencyFilter(keys, new FilterProblems(json), identifiers, clock));
    registration.addUrlPatterns("/api/*");
    registration.setOrder(ORDER);
    return registration;
  }

  @Bean
  RecurringTask<Void> idempotencyKeysExpiry(IdempotencyKeys keys, Clock clock) {
    return Tasks.recurring("idempotency-keys-expiry", Schedules.fixedDelay(Duration.ofHours(1)))
        .execute((instance, context) -> keys.expire(clock.instant()));
  }
}
