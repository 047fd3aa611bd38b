package io.paygate.server.wechatpay;

import io.paygate.core.channel.Product;
import io.paygate.core.exchanges.ExchangeLog;
import io.paygate.server.PayGateProperties;
import io.paygate.server.alipay.ChannelHealth;
import io.paygate.server.keys.SecretFile;
import io.paygate.server.sandbox.EmbeddedSandboxApp;
import io.paygate.wechatpay.WechatPayChannel;
import io.paygate.wechatpay.settings.KeyMode;
import io.paygate.wechatpay.settings.WechatPayApp;
import io.paygate.wechatpay.settings.WechatPayKeyCheck;
import io.paygate.wechatpay.settings.WechatPaySettings;
import io.paygate.wechatpay.settings.WechatPaySettingsException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The merchant's WeChat Pay as a channel, built once at start-up from {@code paygate.wechatpay.*},
 * or, with no {@code mchid} and the embedded sandbox on, from the offline WeChat Pay's default
 * merchant. The key material is checked here, before anything is built on it; the signed self-test
 * call runs as {@link WechatPayStartupSelfTest}, once the port is open (the embedded offline WeChat
 * Pay answers on it) and before the service reports ready.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(WechatPayCondition.class)
public class WechatPayChannelConfiguration {

  private static final Logger log = LoggerFactory.getLogger(WechatPayChannelConfiguration.class);

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,32}");

  @Bean
  WechatPaySettings wechatPaySettings(
      WechatPayProperties wechatpay,
      PayGateProperties paygate,
      ObjectProvider<EmbeddedSandboxApp> sandbox) {
    EmbeddedSandboxApp embedded = sandbox.getIfAvailable();
    WechatPaySettings settings =
        wechatpay.configured()
            ? configured(wechatpay, paygate)
            : embeddedSandbox(wechatpay, paygate, embedded);
    if (embedded != null && isProduction(settings.baseUrl())) {
      // A production configuration never exposes /sandbox, even when asked to.
      throw new WechatPaySettingsException(
          "the embedded sandbox cannot run beside WeChat Pay's production host (paygate.wechatpay"
              + ".base-url is on "
              + settings.baseUrl().getHost()
              + "): remove paygate.sandbox.enabled=true");
    }
    List<String> problems = WechatPayKeyCheck.problems(settings);
    if (!problems.isEmpty()) {
      throw new WechatPaySettingsException(String.join("; ", problems));
    }
    log.info("WeChat Pay merchant: {}", settings);
    return settings;
  }

  @Bean
  WechatPayChannel wechatPayChannel(
      WechatPaySettings settings, ExchangeLog exchanges, Clock clock) {
    try {
      // Notifications are signed with the wall clock's time: their freshness is the real time's.
      return new WechatPayChannel(settings, exchanges, clock, Clock.systemUTC());
    } catch (WechatPaySettingsException e) {
      throw e;
    } catch (RuntimeException e) {
      // The SDK's config builder: in certificate mode it downloads the certificates here.
      throw new WechatPaySettingsException(
          "WeChat Pay's client could not be built for merchant "
              + settings.mchid()
              + " ("
              + e.getClass().getSimpleName()
              + "): check paygate.wechatpay.apiv3-key and paygate.wechatpay.base-url",
          e);
    }
  }

  @Bean
  WechatPayStartupSelfTest wechatPayStartupSelfTest(
      WechatPaySettings settings, WechatPayChannel channel) {
    return new WechatPayStartupSelfTest(settings);
  }

  /**
   * Health {@code wechatpay}: can this instance reach WeChat Pay? As {@code channel} for Alipay.
   */
  @Bean
  ChannelHealth wechatpay(WechatPaySettings settings, Clock clock) {
    return new ChannelHealth(settings.baseUrl(), clock);
  }

  static boolean isProduction(URI baseUrl) {
    String host = baseUrl.getHost();
    return host != null && host.toLowerCase(Locale.ROOT).endsWith(".mch.weixin.qq.com");
  }

  private static WechatPaySettings configured(WechatPayProperties p, PayGateProperties paygate) {
    String publicKey =
        valueOrFile(p.publicKey(), p.publicKeyFile(), "paygate.wechatpay.public-key");
    return new WechatPaySettings(
        p.mchid().strip(),
        apps(p),
        valueOrFile(p.privateKey(), p.privateKeyFile(), "paygate.wechatpay.private-key"),
        p.merchantSerialNo() == null ? null : p.merchantSerialNo().strip(),
        valueOrFile(p.merchantCert(), p.merchantCertFile(), "paygate.wechatpay.merchant-cert"),
        strip(valueOrFile(p.apiv3Key(), p.apiv3KeyFile(), "paygate.wechatpay.apiv3-key")),
        keyMode(p, publicKey),
        publicKey,
        p.publicKeyId() == null ? null : p.publicKeyId().strip(),
        notifyUrl(p, paygate),
        p.baseUrl(),
        p.connectTimeout(),
        p.readTimeout());
  }

  private static WechatPaySettings embeddedSandbox(
      WechatPayProperties p, PayGateProperties paygate, EmbeddedSandboxApp sandbox) {
    EmbeddedSandboxApp.WechatPayMerchant m = sandbox.wechatPayMerchant();
    return new WechatPaySettings(
        m.mchid(),
        Map.of("default", WechatPayApp.of(m.appid()).withAppSecret(m.appSecret())),
        m.privateKey(),
        m.merchantSerialNo(),
        m.merchantCertificate(),
        m.apiV3Key(),
        KeyMode.PUBLIC_KEY,
        m.publicKey(),
        m.publicKeyId(),
        notifyUrl(p, paygate),
        URI.create(paygate.publicUrl() + "/sandbox/wechatpay"),
        p.connectTimeout(),
        p.readTimeout());
  }

  private static Map<String, WechatPayApp> apps(WechatPayProperties p) {
    if (p.apps().isEmpty()) {
      throw new WechatPaySettingsException(
          "paygate.wechatpay.apps names no appid: set paygate.wechatpay.apps.<name>.appid");
    }
    Map<String, WechatPayApp> apps = new LinkedHashMap<>();
    for (Map.Entry<String, WechatPayProperties.App> app : p.apps().entrySet()) {
      String prefix = "paygate.wechatpay.apps." + app.getKey() + ".";
      if (!NAME.matcher(app.getKey()).matches()) {
        throw new WechatPaySettingsException(
            prefix + "appid: an app's name is 1 to 32 letters, digits, '-' or '_'");
      }
      String appid = app.getValue().appid();
      if (appid == null || appid.isBlank()) {
        throw new WechatPaySettingsException(prefix + "appid is missing");
      }
      apps.put(
          app.getKey(),
          new WechatPayApp(
              appid.strip(),
              products(app.getValue().products(), prefix),
              app.getValue().appSecret()));
    }
    return apps;
  }

  /** WeChat's names for its products, and the core's. */
  private static Set<Product> products(Set<String> names, String prefix) {
    if (names == null || names.isEmpty()) {
      return WechatPayApp.SUPPORTED;
    }
    Set<Product> products = EnumSet.noneOf(Product.class);
    for (String name : names) {
      products.add(
          switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "native", "qr" -> Product.QR;
            case "h5", "wap" -> Product.WAP;
            case "jsapi" -> Product.JSAPI;
            case "app" -> Product.APP;
            default ->
                throw new WechatPaySettingsException(
                    prefix + "products: " + name + " is not a product: native, jsapi, h5 or app");
          });
    }
    return products;
  }

  private static KeyMode keyMode(WechatPayProperties p, String publicKey) {
    if (p.keyMode() != null && !p.keyMode().isBlank()) {
      return switch (p.keyMode().strip().toLowerCase(Locale.ROOT).replace('-', '_')) {
        case "public_key" -> KeyMode.PUBLIC_KEY;
        case "platform_certificate", "certificate" -> KeyMode.PLATFORM_CERTIFICATE;
        default ->
            throw new WechatPaySettingsException(
                "paygate.wechatpay.key-mode is public_key or platform_certificate");
      };
    }
    boolean publicKeyGiven =
        publicKey != null || (p.publicKeyId() != null && !p.publicKeyId().isBlank());
    return publicKeyGiven ? KeyMode.PUBLIC_KEY : KeyMode.PLATFORM_CERTIFICATE;
  }

  private static String notifyUrl(WechatPayProperties p, PayGateProperties paygate) {
    return p.notifyUrl() == null || p.notifyUrl().isBlank()
        ? paygate.publicUrl() + "/channels/wechatpay/notify"
        : p.notifyUrl();
  }

  /** A secret given in place or as a file; a file that cannot be read fails as this channel's. */
  private static String valueOrFile(String value, Path file, String property) {
    return SecretFile.valueOrFile(value, file, property, WechatPaySettingsException::new);
  }

  private static String strip(String value) {
    return value == null ? null : value.strip();
  }
}
