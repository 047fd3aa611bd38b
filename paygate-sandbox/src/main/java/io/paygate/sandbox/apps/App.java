package io.paygate.sandbox.apps;

/** A merchant application registered at the sandbox, with the sandbox's ("Alipay's") key pair. */
public record App(
    String appId,
    String sellerId,
    String name,
    String appPublicKey,
    String appPrivateKey,
    String alipayPublicKey,
    String alipayPrivateKey,
    boolean isDefault) {}
