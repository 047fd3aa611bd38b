package io.paygate.sandbox.wechatpay.merchants;

import java.time.Instant;

/** One platform certificate (平台证书) of a merchant, with the key WeChat Pay signs with. */
public record PlatformCert(
    String serialNo,
    String mchid,
    String certificate,
    String privateKey,
    Instant effectiveAt,
    Instant expireAt) {}
