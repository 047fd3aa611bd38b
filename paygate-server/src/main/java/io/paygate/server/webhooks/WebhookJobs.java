package io.paygate.server.webhooks;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The recurring job that sends due retries (and deliveries a crash left unsent). db-scheduler runs
 * it on one instance at a time; each attempt is still claimed row by row.
 */
@Configuration(proxyBeanMethods = false)
class WebhookJobs {

  static final String SEND_DUE = "webhook-deliveries";

  @Bean
  RecurringTask<Void> webhookRetries(WebhookDispatcher dispatcher, WebhooksProperties properties) {
    return Tasks.recurring(SEND_DUE, Schedules.fixedDelay(properties.sweepInterval()))
        .execute((instance, context) -> dispatcher.sendDue());
  }
}
