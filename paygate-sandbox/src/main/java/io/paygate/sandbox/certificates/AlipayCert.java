package io.paygate.sandbox.certificates;

/**
 * An "Alipay" public-key certificate issued to one app, as the file alipayCertPublicKey_RSA2.crt:
 * the leaf then the intermediate CA, PEM.
 *
 * @param downloads how often alipay.open.app.alipaycert.download handed it out
 */
public record AlipayCert(
    String alipayCertSn, String appId, String certChain, long createdAt, int downloads) {}
