package io.paygate.server.wechatpay;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The merchant's WeChat Pay (a normal merchant, 普通商户): {@code paygate.wechatpay.*}. Leave {@code
 * mchid} empty to use the embedded sandbox's default merchant (when the sandbox runs), or to have
 * no WeChat Pay at all (when it does not). Keys come from a value or a file, never from code.
 *
 * @param enabled {@code false} turns WeChat Pay off even with the embedded sandbox
 * @param privateKey the merchant API private key ({@code apiclient_key.pem}), or {@code
 *     private-key-file}
 * @param merchantSerialNo the serial of the merchant API certificate ({@code apiclient_cert.pem})
 * @param merchantCert that certificate, optional: when given, the key and serial are proven against
 *     it at start-up
 * @param apiv3Key the APIv3 key (APIv3密钥, 32 characters), or {@code apiv3-key-file}
 * @param publicKey WeChat Pay's public key ({@code pub_key.pem}) and {@code public-key-id} ({@code
 *     PUB_KEY_ID_…}): public-key mode; without them, platform-certificate mode
 * @param keyMode {@code public_key} or {@code platform_certificate}, when the files alone should
 *     not decide
 * @param baseUrl WeChat Pay's address: its production host unless pointed at an offline WeChat Pay
 * @param notifyUrl defaults to {@code ${paygate.public-url}/channels/wechatpay/notify}
 * @param apps the appids bound to the merchant by name: {@code apps.<name>.appid} and {@code
 *     apps.<name>.products} ({@code native, jsapi, h5, app}; all by default), and {@code
 *     apps.<name>.app-secret}, the appid's AppSecret (开发者密码), needed only for WeChat's web sign-in
 *     (the cashier in WeChat's browser opening JSAPI pay)
 */
@ConfigurationProperties("paygate.wechatpay")
public record WechatPayProperties(
    @DefaultValue("true") boolean enabled,
    String mchid,
    String privateKey,
    Path privateKeyFile,
    String merchantSerialNo,
    String merchantCert,
    Path merchantCertFile,
    String apiv3Key,
    Path apiv3KeyFile,
    String publicKey,
    Path publicKeyFile,
    String publicKeyId,
    String keyMode,
    URI baseUrl,
    String notifyUrl,
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("15s") Duration readTimeout,
    Map<String, App> apps) {

  /** One appid of {@code paygate.wechatpay.apps.<name>}. */
  public record App(String appid, Set<String> products, String appSecret) {

    @Override
    public String toString() {
      return "App[appid=" + appid + ", products=" + products + "]";
    }
  }

  public WechatPayProperties {
    apps = apps == null ? Map.of() : Map.copyOf(apps);
  }

  public boolean configured() {
    return mchid != null && !mchid.isBlank();
  }
}
