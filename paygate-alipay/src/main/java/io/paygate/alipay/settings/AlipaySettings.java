package io.paygate.alipay.settings;

import java.time.Duration;

/**
 * The merchant app at Alipay and how to reach it. Keys are normalised to the bare base64 the SDK
 * wants (PEM armour and line breaks stripped); {@link #toString()} never shows them.
 *
 * <p>Signing is always RSA2 in UTF-8: the SDK's constructors without a sign type fall back to SHA1,
 * so nothing here lets a caller pick.
 *
 * @param appId the application id ({@code paygate.alipay.app-id})
 * @param privateKey the app's private key, PKCS#8 ({@code paygate.alipay.private-key})
 * @param alipayPublicKey Alipay's public key for this app, X.509 ({@code
 *     paygate.alipay.alipay-public-key})
 * @param appPublicKey the app's own public key, optional; only used to check the private key
 * @param gatewayUrl the gateway.do URL; see {@link AlipayGateway#resolve} for names
 * @param notifyUrl where Alipay posts asynchronous notifications; PayGate always sends one
 * @param returnUrl where the cashier sends the browser back, optional
 * @param sellerId the receiving account (2088…), optional; notifications are checked against it
 * @param connectTimeout connect timeout of one call; default 5 s
 * @param readTimeout read timeout of one call; default 15 s
 * @param certificates the app's certificates in public-key certificate mode (公钥证书模式), or null in
 *     public-key mode; in certificate mode {@code alipayPublicKey} is the Alipay certificate's key
 */
public record AlipaySettings(
    String appId,
    String privateKey,
    String alipayPublicKey,
    String appPublicKey,
    String gatewayUrl,
    String notifyUrl,
    String returnUrl,
    String sellerId,
    Duration connectTimeout,
    Duration readTimeout,
    AppCertificates certificates) {

  /** An app in public-key mode (公钥模式). */
  public AlipaySettings(
      String appId,
      String privateKey,
      String alipayPublicKey,
      String appPublicKey,
      String gatewayUrl,
      String notifyUrl,
      String returnUrl,
      String sellerId,
      Duration connectTimeout,
      Duration readTimeout) {
    this(
        appId,
        privateKey,
        alipayPublicKey,
        appPublicKey,
        gatewayUrl,
        notifyUrl,
        returnUrl,
        sellerId,
        connectTimeout,
        readTimeout,
        null);
  }

  public static final String SIGN_TYPE = "RSA2";
  public static final String CHARSET = "UTF-8";
  public static final String FORMAT = "json";

  public static final String APP_ID = "paygate.alipay.app-id";
  public static final String PRIVATE_KEY = "paygate.alipay.private-key";
  public static final String ALIPAY_PUBLIC_KEY = "paygate.alipay.alipay-public-key";
  public static final String APP_PUBLIC_KEY = "paygate.alipay.app-public-key";
  public static final String GATEWAY = "paygate.alipay.gateway";
  public static final String NOTIFY_URL = "paygate.alipay.notify-url";
  public static final String CONNECT_TIMEOUT = "paygate.alipay.connect-timeout";
  public static final String READ_TIMEOUT = "paygate.alipay.read-timeout";

  static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(15);

  public AlipaySettings {
    appId = required(appId, APP_ID);
    privateKey = KeyText.base64Body(privateKey, PRIVATE_KEY);
    if (privateKey == null) {
      throw new AlipaySettingsException(PRIVATE_KEY, "is required");
    }
    if (certificates != null) {
      if (alipayPublicKey != null && !alipayPublicKey.isBlank()) {
        throw new AlipaySettingsException(
            ALIPAY_PUBLIC_KEY,
            "is for public-key mode; in certificate mode Alipay's key is in "
                + AppCertificates.ALIPAY_CERT);
      }
      alipayPublicKey = certificates.alipayPublicKey();
    }
    alipayPublicKey = KeyText.base64Body(alipayPublicKey, ALIPAY_PUBLIC_KEY);
    if (alipayPublicKey == null) {
      throw new AlipaySettingsException(ALIPAY_PUBLIC_KEY, "is required");
    }
    appPublicKey = KeyText.base64Body(appPublicKey, APP_PUBLIC_KEY);
    gatewayUrl = AlipayGateway.resolve(required(gatewayUrl, GATEWAY), GATEWAY);
    notifyUrl = required(notifyUrl, NOTIFY_URL);
    returnUrl = optional(returnUrl);
    sellerId = optional(sellerId);
    connectTimeout = positive(connectTimeout, DEFAULT_CONNECT_TIMEOUT, CONNECT_TIMEOUT);
    readTimeout = positive(readTimeout, DEFAULT_READ_TIMEOUT, READ_TIMEOUT);
  }

  public boolean certificateMode() {
    return certificates != null;
  }

  public String signType() {
    return SIGN_TYPE;
  }

  public String charset() {
    return CHARSET;
  }

  /** Everything but the keys, which only show whether they are set. */
  @Override
  public String toString() {
    return "AlipaySettings[appId="
        + appId
        + ", privateKey=(set), alipayPublicKey=(set), appPublicKey="
        + (appPublicKey == null ? "(none)" : "(set)")
        + ", gatewayUrl="
        + gatewayUrl
        + ", notifyUrl="
        + notifyUrl
        + ", returnUrl="
        + returnUrl
        + ", sellerId="
        + sellerId
        + ", connectTimeout="
        + connectTimeout
        + ", readTimeout="
        + readTimeout
        + (certificates == null ? ", mode=public key" : ", mode=certificate " + certificates)
        + "]";
  }

  private static String required(String value, String property) {
    if (value == null || value.isBlank()) {
      throw new AlipaySettingsException(property, "is required");
    }
    return value.strip();
  }

  private static String optional(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static Duration positive(Duration value, Duration fallback, String property) {
    if (value == null) {
      return fallback;
    }
    if (value.isNegative() || value.isZero() || value.toMillis() > Integer.MAX_VALUE) {
      throw new AlipaySettingsException(property, "must be a positive duration");
    }
    return value;
  }
}
