package io.paygate.server.alipay;

import io.paygate.alipay.settings.AlipaySettingsException;
import io.paygate.core.channel.MerchantApps;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The merchant's Alipay applications: {@code paygate.alipay.apps.<name>.*} for each, and the
 * single-app properties {@code paygate.alipay.*} of earlier versions, which are the app named
 * {@code default}. Leave every app-id empty to run against the embedded sandbox. Keys come from a
 * value or a file, never from code.
 *
 * @param gateway {@code production}, {@code alipay-sandbox} (Alipay's public sandbox) or a URL
 * @param notifyUrl defaults to {@code ${paygate.public-url}/alipay/notify}
 * @param returnUrl defaults to {@code ${paygate.public-url}/alipay/return}
 * @param appCert in certificate mode (公钥证书模式): the app's certificate ({@code
 *     appCertPublicKey_<app_id>.crt}), as a value or {@code app-cert-file}; with {@code
 *     alipay-cert} ({@code alipayCertPublicKey_RSA2.crt}) and {@code alipay-root-cert} ({@code
 *     alipayRootCert.crt}) in place of {@code alipay-public-key}
 * @param products what payments the app may take ({@code page, wap, qr, barcode}); all by default
 * @param apps the apps by name, each with the same properties as the single app
 */
@ConfigurationProperties("paygate.alipay")
public record AlipayProperties(
    String appId,
    String privateKey,
    Path privateKeyFile,
    String alipayPublicKey,
    Path alipayPublicKeyFile,
    String appPublicKey,
    Path appPublicKeyFile,
    @DefaultValue("production") String gateway,
    String sellerId,
    String notifyUrl,
    String returnUrl,
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("15s") Duration readTimeout,
    Set<String> products,
    String appCert,
    Path appCertFile,
    String alipayCert,
    Path alipayCertFile,
    String alipayRootCert,
    Path alipayRootCertFile,
    Map<String, App> apps) {

  /** One app of {@code paygate.alipay.apps.<name>}. */
  public record App(
      String appId,
      String privateKey,
      Path privateKeyFile,
      String alipayPublicKey,
      Path alipayPublicKeyFile,
      String appPublicKey,
      Path appPublicKeyFile,
      @DefaultValue("production") String gateway,
      String sellerId,
      String notifyUrl,
      String returnUrl,
      @DefaultValue("5s") Duration connectTimeout,
      @DefaultValue("15s") Duration readTimeout,
      Set<String> products,
      String appCert,
      Path appCertFile,
      String alipayCert,
      Path alipayCertFile,
      String alipayRootCert,
      Path alipayRootCertFile) {}

  public AlipayProperties {
    apps = apps == null ? Map.of() : Map.copyOf(apps);
  }

  public boolean configured() {
    return (appId != null && !appId.isBlank()) || !apps.isEmpty();
  }

  /**
   * Every configured app by name: the single-app properties as {@code default}, then {@code
   * apps.<name>}.
   */
  public Map<String, App> all() {
    Map<String, App> all = new TreeMap<>();
    if (appId != null && !appId.isBlank()) {
      if (apps.containsKey(MerchantApps.DEFAULT)) {
        throw new AlipaySettingsException(
            "paygate.alipay.app-id",
            "is the app named default, and paygate.alipay.apps.default is set too: keep one");
      }
      all.put(
          MerchantApps.DEFAULT,
          new App(
              appId,
              privateKey,
              privateKeyFile,
              alipayPublicKey,
              alipayPublicKeyFile,
              appPublicKey,
              appPublicKeyFile,
              gateway,
              sellerId,
              notifyUrl,
              returnUrl,
              connectTimeout,
              readTimeout,
              products,
              appCert,
              appCertFile,
              alipayCert,
              alipayCertFile,
              alipayRootCert,
              alipayRootCertFile));
    }
    all.putAll(apps);
    return all;
  }
}
