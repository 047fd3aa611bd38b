package io.paygate.server.alipay;

import io.paygate.alipay.AlipayApps;
import io.paygate.alipay.AlipayChannel;
import io.paygate.alipay.settings.AlipayGateway;
import io.paygate.alipay.settings.AlipayKeyCheck;
import io.paygate.alipay.settings.AlipaySettings;
import io.paygate.alipay.settings.AlipaySettingsException;
import io.paygate.alipay.settings.AppCertificates;
import io.paygate.core.channel.MerchantApps;
import io.paygate.core.channel.Product;
import io.paygate.core.exchanges.ExchangeLog;
import io.paygate.server.PayGateProperties;
import io.paygate.server.keys.SecretFile;
import io.paygate.server.sandbox.EmbeddedSandboxApp;
import io.paygate.server.sandbox.SandboxMode;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The merchant's Alipay apps as the one channel of this service, built once at start-up from {@code
 * paygate.alipay.*} and {@code paygate.alipay.apps.<name>.*}, or, with no app configured, from the
 * embedded sandbox's default app. Each app's keys are checked before anything is served.
 */
@Configuration(proxyBeanMethods = false)
public class AlipayChannelConfiguration {

  private static final Logger log = LoggerFactory.getLogger(AlipayChannelConfiguration.class);

  /** An app's name is a word shops code against: letters, digits, '-' and '_'. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,32}");

  @Bean
  AlipayApps alipayApps(
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
    List<AlipayChannel> channels = new ArrayList<>();
    if (alipay.configured()) {
      for (Map.Entry<String, AlipayProperties.App> app : alipay.all().entrySet()) {
        String name = app.getKey();
        String prefix =
            name.equals(MerchantApps.DEFAULT) && alipay.apps().isEmpty()
                ? "paygate.alipay."
                : "paygate.alipay.apps." + name + ".";
        if (!NAME.matcher(name).matches()) {
          throw new AlipaySettingsException(
              prefix, "an app's name is 1 to 32 letters, digits, '-' or '_'");
        }
        try {
          channels.add(
              channel(
                  name,
                  products(app.getValue().products(), prefix),
                  configured(app.getValue(), paygate, prefix),
                  embedded,
                  exchanges,
                  clock));
        } catch (AlipaySettingsException e) {
          throw e.property().startsWith(prefix) ? e : e.under(prefix);
        }
      }
    } else {
      AlipaySettings settings = embeddedSandbox(alipay, paygate, embedded);
      channels.add(
          channel(
              MerchantApps.DEFAULT,
              products(alipay.products(), "paygate.alipay."),
              settings,
              embedded,
              exchanges,
              clock));
    }
    return new AlipayApps(channels);
  }

  private static AlipayChannel channel(
      String name,
      Set<Product> products,
      AlipaySettings settings,
      EmbeddedSandboxApp embedded,
      ExchangeLog exchanges,
      Clock clock) {
    if (embedded != null && AlipayGateway.isProduction(settings.gatewayUrl())) {
      // A production configuration never exposes /sandbox, even when asked to.
      throw new AlipaySettingsException(
          "paygate.sandbox.enabled",
          "the embedded sandbox cannot run beside a gateway on Alipay's production hosts"
              + " (app "
              + name
              + "'s gateway is on "
              + URI.create(settings.gatewayUrl()).getHost()
              + "): remove paygate.sandbox.enabled=true");
    }
    new AlipayKeyCheck(settings).check();
    log.info("Alipay app {} (sells {}): {}", name, products, settings);
    return new AlipayChannel(name, products, settings, exchanges, clock);
  }

  private static Set<Product> products(Set<String> names, String prefix) {
    if (names == null || names.isEmpty()) {
      return EnumSet.allOf(Product.class);
    }
    Set<Product> products = EnumSet.noneOf(Product.class);
    for (String name : names) {
      try {
        products.add(Product.valueOf(name.strip().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new AlipaySettingsException(
            prefix + "products", name + " is not a product: page, wap, qr or barcode");
      }
    }
    return products;
  }

  private static AlipaySettings configured(
      AlipayProperties.App app, PayGateProperties paygate, String prefix) {
    String appCert = valueOrFile(app.appCert(), app.appCertFile(), prefix + "app-cert");
    String alipayCert = valueOrFile(app.alipayCert(), app.alipayCertFile(), prefix + "alipay-cert");
    String rootCert =
        valueOrFile(app.alipayRootCert(), app.alipayRootCertFile(), prefix + "alipay-root-cert");
    // Any of the three files means certificate mode; the others are then required.
    AppCertificates certificates =
        appCert == null && alipayCert == null && rootCert == null
            ? null
            : new AppCertificates(appCert, alipayCert, rootCert);
    return new AlipaySettings(
        app.appId(),
        valueOrFile(app.privateKey(), app.privateKeyFile(), prefix + "private-key"),
        valueOrFile(app.alipayPublicKey(), app.alipayPublicKeyFile(), prefix + "alipay-public-key"),
        valueOrFile(app.appPublicKey(), app.appPublicKeyFile(), prefix + "app-public-key"),
        app.gateway(),
        orDefault(app.notifyUrl(), paygate.publicUrl() + "/alipay/notify"),
        orDefault(app.returnUrl(), paygate.publicUrl() + "/alipay/return"),
        app.sellerId(),
        app.connectTimeout(),
        app.readTimeout(),
        certificates);
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

  /** A secret given in place or as a file; a file that cannot be read fails as this channel's. */
  private static String valueOrFile(String value, Path file, String property) {
    return SecretFile.valueOrFile(value, file, property, UncheckedIOException::new);
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
