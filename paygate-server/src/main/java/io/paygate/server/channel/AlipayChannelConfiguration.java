package io.paygate.server.channel;

import io.paygate.alipay.AlipayChannel;
import io.paygate.alipay.settings.AlipayGateway;
import io.paygate.alipay.settings.AlipayKeyCheck;
import io.paygate.alipay.settings.AlipaySettings;
import io.paygate.alipay.settings.AlipaySettingsException;
import io.paygate.core.exchanges.ExchangeLog;
import io.paygate.server.PayGateProperties;
import io.paygate.server.sandbox.EmbeddedSandboxApp;
import io.paygate.server.sandbox.SandboxMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The one Alipay channel of this service, built once at start-up from {@code paygate.alipay.*}, or,
 * with no app configured, from the embedded sandbox's default app. The keys are checked before
 * anything is served.
 */
@Configuration(proxyBeanMethods = false)
public class AlipayChannelConfiguration {

  private static final Logger log = LoggerFactory.getLogger(AlipayChannelConfiguration.class);

  @Bean
  AlipayChannel alipayChannel(
      AlipayProperties alipay,
      PayGateProperties paygate,
      ObjectProvider<EmbeddedSandboxApp> sandbox,
      ExchangeLog exchanges,
      Clock clock,
      Environment environment) {
    EmbeddedSandboxApp embedded = sandbox.getIfAvailable();
    if (!alipay.configured() && embedded == null) {
      throw new AlipaySettingsException(
          "paygate.alipay.app-id",
          SandboxMode.missingChoice(environment)
              .orElse(
                  "paygate.alipay.app-id is not set and the embedded sandbox is off"
                      + " (paygate.sandbox.enabled=false): configure an Alipay app or enable the"
                      + " sandbox"));
    }
    AlipaySettings settings =
        alipay.configured()
            ? configured(alipay, paygate)
            : embeddedSandbox(alipay, paygate, embedded);
    if (embedded != null && AlipayGateway.isProduction(settings.gatewayUrl())) {
      // A production configuration never exposes /sandbox, even when asked to.
      throw new AlipaySettingsException(
          "paygate.sandbox.enabled",
          "the embedded sandbox cannot run beside a gateway on Alipay's production hosts"
              + " (paygate.alipay.gateway is on "
              + URI.create(settings.gatewayUrl()).getHost()
              + "): remove paygate.sandbox.enabled=true");
    }
    new AlipayKeyCheck(settings).check();
    log.info("Alipay channel: {}", settings);
    return new AlipayChannel(settings, exchanges, clock);
  }

  private static AlipaySettings configured(AlipayProperties alipay, PayGateProperties paygate) {
    return new AlipaySettings(
        alipay.appId(),
        valueOrFile(alipay.privateKey(), alipay.privateKeyFile(), "paygate.alipay.private-key"),
        valueOrFile(
            alipay.alipayPublicKey(),
            alipay.alipayPublicKeyFile(),
            "paygate.alipay.alipay-public-key"),
        valueOrFile(
            alipay.appPublicKey(), alipay.appPublicKeyFile(), "paygate.alipay.app-public-key"),
        alipay.gateway(),
        orDefault(alipay.notifyUrl(), paygate.publicUrl() + "/alipay/notify"),
        orDefault(alipay.returnUrl(), paygate.publicUrl() + "/alipay/return"),
        alipay.sellerId(),
        alipay.connectTimeout(),
        alipay.readTimeout());
  }

  private static AlipaySettings embeddedSandbox(
      AlipayProperties alipay, PayGateProperties paygate, EmbeddedSandboxApp sandbox) {
    EmbeddedSandboxApp.Credentials app = sandbox.credentials();
    return new AlipaySettings(
        app.appId(),
        app.appPrivateKey(),
        app.alipayPublicKey(),
        app.appPublicKey(),
        paygate.publicUrl() + "/sandbox/gateway.do",
        orDefault(alipay.notifyUrl(), paygate.publicUrl() + "/alipay/notify"),
        orDefault(alipay.returnUrl(), paygate.publicUrl() + "/alipay/return"),
        app.sellerId(),
        alipay.connectTimeout(),
        alipay.readTimeout());
  }

  private static String valueOrFile(String value, Path file, String property) {
    if (value != null && !value.isBlank()) {
      return value;
    }
    if (file == null) {
      return null;
    }
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read " + property + "-file (" + file.getFileName() + "): " + e.getMessage(), e);
    }
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
