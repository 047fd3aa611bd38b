package io.paygate.server.channel;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The merchant's Alipay application. Leave {@code app-id} empty to run against the embedded
 * sandbox. Keys come from a value or a file, never from code.
 *
 * @param gateway {@code production}, {@code alipay-sandbox} (Alipay's public sandbox) or a URL
 * @param notifyUrl defaults to {@code ${paygate.public-url}/alipay/notify}
 * @param returnUrl defaults to {@code ${paygate.public-url}/alipay/return}
 */
@ConfigurationProperties("paygate.alipay")
public record AlipayProperties(
    String appId,
    String privateKey,
    Path privateKeyFile,
    String alipayPublicKey,
    Path alipayPublicKeyFile,
    String appPublicKey,
    Path appPublicKeyFile,
    @DefaultValue("production") String gateway,
    String sellerId,
    String notifyUrl,
    String returnUrl,
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("15s") Duration readTimeout) {

  public boolean configured() {
    return appId != null && !appId.isBlank();
  }
}
