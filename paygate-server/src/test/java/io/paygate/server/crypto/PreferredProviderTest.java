package io.paygate.server.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.Security;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;

/** The switch, read as Boot reads any property, and the provider list it leaves. */
@Isolated("changes the JVM's provider list")
class PreferredProviderTest {

  @Test
  void onByDefault() {
    assertThat(CryptoProperties.from(new MockEnvironment()).nativeProvider()).isTrue();
  }

  @Test
  void offByPropertyOrByEnvironmentVariable() {
    assertThat(
            CryptoProperties.from(
                    new MockEnvironment().withProperty("paygate.crypto.native", "false"))
                .nativeProvider())
        .isFalse();

    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .replace(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
            new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of("PAYGATE_CRYPTO_NATIVE", "false")));
    assertThat(CryptoProperties.from(environment).nativeProvider()).isFalse();
  }

  @Test
  void aValueThatIsNoBooleanStopsTheStartNamingTheProperty() {
    MockEnvironment environment =
        new MockEnvironment().withProperty("paygate.crypto.native", "yes please");

    assertThatThrownBy(() -> CryptoProperties.from(environment))
        .isInstanceOf(BindException.class)
        .hasMessageContaining("paygate.crypto");
  }

  @Test
  void offTakesOutAnAccpInstalledBefore() {
    assumeTrue(JcaProviders.accpLoads());
    try (JcaProviders ignored = JcaProviders.snapshot()) {
      AmazonCorrettoCryptoProvider.install();

      SigningProvider chosen = SigningProvider.prefer(false);

      assertThat(Security.getProvider(SigningProvider.ACCP)).isNull();
      assertThat(chosen.provider()).isEqualTo("SunRsaSign");
      assertThat(chosen.reason()).isEqualTo("off by paygate.crypto.native=false");
    }
  }

  @Test
  void onPutsAccpFirstEvenWhenItWasRegisteredLast() {
    assumeTrue(JcaProviders.accpLoads());
    try (JcaProviders ignored = JcaProviders.snapshot()) {
      Security.removeProvider(SigningProvider.ACCP);
      Security.addProvider(AmazonCorrettoCryptoProvider.INSTANCE);

      SigningProvider chosen = SigningProvider.prefer(true);

      assertThat(Security.getProviders()[0].getName()).isEqualTo(SigningProvider.ACCP);
      assertThat(chosen.provider()).isEqualTo(SigningProvider.ACCP);
      assertThat(chosen.version()).isEqualTo("2.4.1");
      assertThat(chosen.reason()).isNull();
      assertThat(chosen.logLine())
          .isEqualTo(
              "SHA256withRSA is signed by AmazonCorrettoCryptoProvider 2.4.1 (native, preferred provider)");
    }
  }
}
