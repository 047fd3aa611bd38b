package io.paygate.sandbox.certificates;

/**
 * A new "Alipay" certificate and its key pair (Base64 DER: PKCS#8 private, X.509 public); the
 * private half is the sandbox's own and goes to the app's row only, never to a log or an answer.
 */
public record IssuedAlipayCert(AlipayCert cert, String privateKey, String publicKey) {}
