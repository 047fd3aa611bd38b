package io.paygate.sandbox.apps;

/**
 * What a merchant needs to talk to the sandbox with the official SDK: Base64 DER keys (PKCS#8
 * private, X.509 public).
 */
public record DefaultAppCredentials(
    String appId,
    String sellerId,
    String appPrivateKey,
    String appPublicKey,
    String alipayPublicKey) {}
