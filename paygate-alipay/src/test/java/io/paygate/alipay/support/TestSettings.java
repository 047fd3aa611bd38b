package io.paygate.alipay.support;

import io.paygate.alipay.settings.AlipaySettings;
import java.time.Duration;

/** Settings for the test app, pointed at a given gateway. */
public final class TestSettings {

  public static final String APP_ID = "2021000000000001";
  public static final String SELLER_ID = "2088000000000001";

  private TestSettings() {}

  public static AlipaySettings forGateway(String gatewayUrl, Duration readTimeout) {
    return new AlipaySettings(
        APP_ID,
        TestKeys.APP.privateKey(),
        TestKeys.ALIPAY.publicKey(),
        TestKeys.APP.publicKey(),
        gatewayUrl,
        "https://shop.example/alipay/notify",
        "https://shop.example/alipay/return",
        SELLER_ID,
        Duration.ofSeconds(2),
        readTimeout);
  }
}
