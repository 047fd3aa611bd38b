package io.paygate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.sandbox.apps.DefaultAppCredentials;
import io.paygate.sandbox.apps.SandboxApps;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.TransactionManager;

/** What a host server relies on when it imports {@link SandboxConfiguration}. */
class EmbeddingTest {

  @TempDir Path dataDir;

  private ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withUserConfiguration(SandboxConfiguration.class)
        .withPropertyValues("paygate.data-dir=" + dataDir, "paygate.sandbox.background-interval=0");
  }

  @Test
  void registersNoDatabaseBeansThatWouldDisplaceTheHosts() {
    runner()
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(DataSource.class);
              assertThat(context).doesNotHaveBean(JdbcTemplate.class);
              assertThat(context).doesNotHaveBean(TransactionManager.class);
              assertThat(context).doesNotHaveBean(org.flywaydb.core.Flyway.class);
              assertThat(context).doesNotHaveBean(java.time.Clock.class);
              assertThat(context).doesNotHaveBean(SandboxApplication.class);
            });
  }

  @Test
  void sandboxBeanNamesAreFullyQualifiedSoTheyCannotCollideWithTheHosts() {
    runner()
        .run(
            context -> {
              assertThat(context).hasBean("io.paygate.sandbox.refunds.RefundRepository");
              assertThat(context).doesNotHaveBean("refundRepository");
            });
  }

  @Test
  void theDefaultAppAndItsKeysSurviveARestart() {
    DefaultAppCredentials[] first = new DefaultAppCredentials[1];
    runner().run(context -> first[0] = context.getBean(SandboxApps.class).defaultApp());
    runner()
        .run(
            context -> {
              DefaultAppCredentials again = context.getBean(SandboxApps.class).defaultApp();
              assertThat(again).isEqualTo(first[0]);
              assertThat(again.appPrivateKey()).isNotBlank();
              assertThat(again.alipayPublicKey()).isNotEqualTo(again.appPublicKey());
            });
    assertThat(dataDir.resolve("sandbox/sandbox.mv.db")).exists();
  }
}
