package io.paygate.wechatpay.settings;

/** How WeChat Pay's signatures (on answers and notifications) are checked. */
public enum KeyMode {
  /**
   * The WeChat Pay public key (微信支付公钥) and its id {@code PUB_KEY_ID_…}: what every merchant gets
   * since late 2024, and where older merchants migrate to.
   */
  PUBLIC_KEY,
  /**
   * Platform certificates (平台证书), downloaded from {@code /v3/certificates} at start-up and again
   * every hour by the SDK, so a rotated certificate is picked up without a restart.
   */
  PLATFORM_CERTIFICATE
}
