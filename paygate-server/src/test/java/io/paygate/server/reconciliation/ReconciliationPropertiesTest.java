package io.paygate.server.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class ReconciliationPropertiesTest {

  @Test
  void theDailyTimeIsABeijingTimeOfDay() {
    assertThat(new ReconciliationProperties(true, "10:00", Duration.ofMinutes(30)).time())
        .isEqualTo(LocalTime.of(10, 0));
    for (String bad : new String[] {"25:00", "10", "10:00:00", "ten", ""}) {
      assertThatThrownBy(() -> new ReconciliationProperties(true, bad, Duration.ofMinutes(30)))
          .as(bad)
          .hasMessageContaining("paygate.reconciliation.daily-at");
    }
  }

  @Test
  void retriesAreNeitherAHammerNorNever() {
    assertThatThrownBy(() -> new ReconciliationProperties(true, "10:00", Duration.ofSeconds(5)))
        .hasMessageContaining("paygate.reconciliation.retry-every");
    assertThatThrownBy(() -> new ReconciliationProperties(true, "10:00", Duration.ofDays(1)))
        .hasMessageContaining("paygate.reconciliation.retry-every");
  }
}
