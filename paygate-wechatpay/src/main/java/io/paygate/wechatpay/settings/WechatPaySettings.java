package io.paygate.wechatpay.settings;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One WeChat Pay merchant (普通商户) and how to reach it. {@link #toString()} never shows a key.
 *
 * @param mchid the merchant number ({@code paygate.wechatpay.mchid})
 * @param apps the appids bound to the merchant, by PayGate's name for each ({@code
 *     paygate.wechatpay.apps.<name>.appid}); one of them, or the one named {@code default}, takes
 *     requests that name none
 * @param privateKey the merchant API private key, PKCS#8 PEM ({@code apiclient_key.pem})
 * @param merchantSerialNo the serial of the merchant API certificate, 40 hex digits
 * @param merchantCertificate the merchant API certificate ({@code apiclient_cert.pem}), optional:
 *     when given, the start-up check proves the key and the serial belong to it
 * @param apiV3Key the APIv3 key (APIv3密钥), 32 characters
 * @param keyMode how WeChat Pay's signatures are checked
 * @param publicKey WeChat Pay's public key ({@code pub_key.pem}), in {@link KeyMode#PUBLIC_KEY}
 * @param publicKeyId its id, {@code PUB_KEY_ID_…}, in {@link KeyMode#PUBLIC_KEY}
 * @param notifyUrl where WeChat Pay posts payment and refund notifications: HTTPS, no query string
 * @param baseUrl WeChat Pay's address; {@link #WECHAT_PAY} unless pointed at an offline WeChat Pay
 *     (its {@code …/sandbox/wechatpay})
 * @param connectTimeout connect timeout of one call
 * @param readTimeout read timeout of one call
 */
public record WechatPaySettings(
    String mchid,
    Map<String, WechatPayApp> apps,
    String privateKey,
    String merchantSerialNo,
    String merchantCertificate,
    String apiV3Key,
    KeyMode keyMode,
    String publicKey,
    String publicKeyId,
    String notifyUrl,
    URI baseUrl,
    Duration connectTimeout,
    Duration readTimeout) {

  /** The real WeChat Pay. */
  public static final URI WECHAT_PAY = URI.create("https://api.mch.weixin.qq.com");

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(15);

  public WechatPaySettings {
    Objects.requireNonNull(mchid, "paygate.wechatpay.mchid");
    Objects.requireNonNull(keyMode, "paygate.wechatpay.key-mode");
    if (apps == null || apps.isEmpty()) {
      throw new WechatPaySettingsException("paygate.wechatpay.apps names no appid");
    }
    apps = Map.copyOf(new LinkedHashMap<>(apps));
    baseUrl = baseUrl == null ? WECHAT_PAY : baseUrl;
    connectTimeout = connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
    readTimeout = readTimeout == null ? DEFAULT_READ_TIMEOUT : readTimeout;
  }

  /** The name PayGate gives the app with this appid, or null when the appid is not ours. */
  public String appNamed(String appid) {
    return apps.entrySet().stream()
        .filter(e -> e.getValue().appid().equals(appid))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElse(null);
  }

  @Override
  public String toString() {
    return "WechatPaySettings[mchid="
        + mchid
        + ", apps="
        + apps
        + ", merchantSerialNo="
        + merchantSerialNo
        + ", keyMode="
        + keyMode
        + ", publicKeyId="
        + publicKeyId
        + ", notifyUrl="
        + notifyUrl
        + ", baseUrl="
        + baseUrl
        + "]";
  }
}
