package io.paygate.alipay.settings;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/** Alipay's own gateways, by the names an operator may configure instead of a URL. */
public enum AlipayGateway {
  PRODUCTION("production", "https://openapi.alipay.com/gateway.do"),
  /** Alipay's public sandbox (the current host; the old alipaydev.com host is retired). */
  ALIPAY_SANDBOX("alipay-sandbox", "https://openapi-sandbox.dl.alipaydev.com/gateway.do");

  private final String configName;
  private final String url;

  AlipayGateway(String configName, String url) {
    this.configName = configName;
    this.url = url;
  }

  public String configName() {
    return configName;
  }

  public String url() {
    return url;
  }

  /**
   * Where Alipay's app signs a buyer in for a web page (OAuth): Alipay's authorize host beside its
   * gateway, or for another gateway (the sandbox) the same page beside its {@code gateway.do}.
   */
  public static String authorizePage(String gatewayUrl) {
    if (PRODUCTION.url.equals(gatewayUrl)) {
      return "https://openauth.alipay.com/oauth2/publicAppAuthorize.htm";
    }
    if (ALIPAY_SANDBOX.url.equals(gatewayUrl)) {
      return "https://openauth-sandbox.dl.alipaydev.com/oauth2/publicAppAuthorize.htm";
    }
    return URI.create(gatewayUrl).resolve("oauth2/publicAppAuthorize.htm").toString();
  }

  public static Optional<AlipayGateway> byName(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    for (AlipayGateway gateway : values()) {
      if (gateway.configName.equals(wanted)) {
        return Optional.of(gateway);
      }
    }
    return Optional.empty();
  }

  /**
   * A configured gateway: one of the names above, or an http(s) URL (the embedded or a standalone
   * PayGate sandbox, for instance).
   *
   * @param property the property the value came from, named in the error
   * @throws AlipaySettingsException when the value is neither
   */
  public static String resolve(String nameOrUrl, String property) {
    Optional<AlipayGateway> named = byName(nameOrUrl);
    if (named.isPresent()) {
      return named.get().url();
    }
    if (nameOrUrl != null
        && (nameOrUrl.startsWith("https://") || nameOrUrl.startsWith("http://"))) {
      return nameOrUrl.trim();
    }
    throw new AlipaySettingsException(
        property, "expected production, alipay-sandbox or an http(s) URL of a gateway.do");
  }

  /**
   * Whether a gateway URL is on Alipay's production hosts, judged by host (any port, path or
   * query): {@code alipay.com} and its subdomains, where real money moves. Alipay's sandbox lives
   * on {@code alipaydev.com}.
   */
  public static boolean isProduction(String url) {
    String host;
    try {
      host = URI.create(url.trim()).getHost();
    } catch (IllegalArgumentException | NullPointerException unreadable) {
      return false;
    }
    if (host == null) {
      return false;
    }
    host = host.toLowerCase(Locale.ROOT);
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    return host.equals("alipay.com") || host.endsWith(".alipay.com");
  }
}
