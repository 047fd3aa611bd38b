package io.paygate.server.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;

/** Any app, however it is configured, means no implicit sandbox. */
class SandboxModeTest {

  @Test
  void noConfigurationAtAllRunsTheSandbox() {
    assertThat(SandboxMode.embedded(new MockEnvironment())).isTrue();
  }

  @Test
  void theSingleAppsIdMeansNoSandbox() {
    MockEnvironment environment =
        new MockEnvironment().withProperty("paygate.alipay.app-id", "2021000000000001");
    assertThat(SandboxMode.embedded(environment)).isFalse();
  }

  @Test
  void anAppConfiguredOnlyUnderAppsMeansNoSandbox() {
    MockEnvironment environment =
        new MockEnvironment().withProperty("paygate.alipay.apps.shop.app-id", "2021000000000002");
    assertThat(SandboxMode.embedded(environment)).isFalse();
    assertThat(SandboxMode.missingChoice(environment)).isEmpty();
  }

  @Test
  void anAppGivenByEnvironmentVariablesMeansNoSandbox() {
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
    environment
        .getPropertySources()
        .addFirst(
            new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of("PAYGATE_ALIPAY_APPS_SHOP_PRIVATEKEYFILE", "/keys/shop.pem")));
    assertThat(SandboxMode.embedded(environment)).isFalse();
  }

  @Test
  void anAskedForSandboxRunsBesideApps() {
    MockEnvironment environment =
        new MockEnvironment()
            .withProperty("paygate.alipay.apps.shop.app-id", "2021000000000002")
            .withProperty("paygate.sandbox.enabled", "true");
    assertThat(SandboxMode.embedded(environment)).isTrue();
  }

  @Test
  void otherAlipayPropertiesAreNoApp() {
    MockEnvironment environment =
        new MockEnvironment()
            .withProperty("paygate.alipay.products", "page")
            .withProperty("paygate.alipay.connect-timeout", "3s");
    assertThat(SandboxMode.embedded(environment)).isTrue();
  }
}
