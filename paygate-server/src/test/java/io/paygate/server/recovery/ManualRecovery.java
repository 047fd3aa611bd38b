package io.paygate.server.recovery;

import com.github.kagkarlsson.scheduler.task.Task;
import io.paygate.core.testkit.MutableClock;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * For a server test that moves time itself: the server's clock is a {@link MutableClock}, and the
 * recovery rows due on it are run by {@link DueChecks} when the test says so.
 */
@TestConfiguration
public class ManualRecovery {

  @Bean
  @Primary
  MutableClock mutableClock() {
    return new MutableClock();
  }

  @Bean
  DueChecks dueChecks(DataSource dataSource, List<Task<?>> tasks, MutableClock clock) {
    return new DueChecks(dataSource, tasks, clock);
  }
}
