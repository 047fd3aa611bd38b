package io.paygate.server.sandbox;

import io.paygate.sandbox.apps.DefaultAppCredentials;
import io.paygate.sandbox.apps.SandboxApps;
import io.paygate.sandbox.wechatpay.merchants.Merchant;
import io.paygate.sandbox.wechatpay.merchants.WxMerchants;

/**
 * The embedded sandbox's default Alipay app and default WeChat Pay merchant, as the channels need
 * them. Only this package talks to the sandbox's own classes, so the rest of the server stays a
 * plain Alipay and WeChat Pay merchant.
 */
public class EmbeddedSandboxApp {

  /** The keys and ids of the app PayGate plays, read at start-up. */
  public record Credentials(
      String appId,
      String appPrivateKey,
      String alipayPublicKey,
      String appPublicKey,
      String sellerId) {}

  /**
   * The offline WeChat Pay's default merchant (public-key mode), as a merchant downloads its files
   * from 商户平台: {@code apiclient_key.pem}, {@code apiclient_cert.pem} and its serial, the APIv3 key,
   * {@code pub_key.pem} and its id.
   */
  public record WechatPayMerchant(
      String mchid,
      String appid,
      String privateKey,
      String merchantCertificate,
      String merchantSerialNo,
      String apiV3Key,
      String publicKey,
      String publicKeyId,
      String appSecret) {

    @Override
    public String toString() {
      return "WechatPayMerchant[mchid=" + mchid + ", appid=" + appid + "]";
    }
  }

  private final SandboxApps apps;
  private final WxMerchants merchants;

  EmbeddedSandboxApp(SandboxApps apps, WxMerchants merchants) {
    this.apps = apps;
    this.merchants = merchants;
  }

  public Credentials credentials() {
    DefaultAppCredentials app = apps.defaultApp();
    return new Credentials(
        app.appId(),
        app.appPrivateKey(),
        app.alipayPublicKey(),
        app.appPublicKey(),
        app.sellerId());
  }

  public WechatPayMerchant wechatPayMerchant() {
    Merchant m = merchants.defaultMerchant();
    return new WechatPayMerchant(
        m.mchid(),
        m.appid(),
        m.merchantPrivateKey(),
        m.merchantCertificate(),
        m.merchantSerialNo(),
        m.apiV3Key(),
        m.publicKey(),
        m.publicKeyId(),
        // The appid's AppSecret, for WeChat's web sign-in (the cashier in WeChat's browser).
        merchants.appSecret(m.appid()).orElse(null));
  }
}
