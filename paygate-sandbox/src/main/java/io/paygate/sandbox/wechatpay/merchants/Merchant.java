package io.paygate.sandbox.wechatpay.merchants;

import java.time.Instant;

/**
 * A normal merchant (直连商户) and every key it and WeChat Pay hold for it. The merchant's private key
 * is kept because the sandbox made it and hands it out; it is a sandbox key, never a real one.
 *
 * @param publicKeyPrivate the private half of the WeChat Pay public key (WeChat Pay's, signs)
 */
public record Merchant(
    String mchid,
    String appid,
    KeyMode keyMode,
    String merchantPrivateKey,
    String merchantCertificate,
    String merchantSerialNo,
    String apiV3Key,
    String publicKey,
    String publicKeyPrivate,
    String publicKeyId,
    boolean isDefault,
    Instant createdAt) {}
