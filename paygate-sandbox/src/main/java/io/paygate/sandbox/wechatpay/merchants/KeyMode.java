package io.paygate.sandbox.wechatpay.merchants;

/**
 * Which of WeChat Pay's keys sign for a merchant. Both kinds of merchant have a public key and a
 * {@code PUB_KEY_ID_…}; only certificate-mode ones are served platform certificates.
 */
public enum KeyMode {
  /**
   * A merchant since WeChat Pay's 2024 switch: everything is signed with the WeChat Pay public key
   * and {@code /v3/certificates} answers 404 RESOURCE_NOT_EXISTS.
   */
  PUBLIC_KEY,
  /**
   * An older merchant: answers and notifications are signed with the newest platform certificate,
   * except an answer to a request whose {@code Wechatpay-Serial} names the public key id (signed
   * with the public key, as WeChat Pay does for merchants part-way through migrating).
   */
  CERTIFICATE
}
