package io.paygate.server.wechatpay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code paygate.wechatpay.apps.<name>.app-secret}: bound for WeChat's sign-in, never shown. */
class WechatPayPropertiesTest {

  @Test
  void anAppsSecretIsBoundAndLeftOutOfItsText() {
    WechatPayProperties properties =
        new Binder(
                new MapConfigurationPropertySource(
                    Map.of(
                        "paygate.wechatpay.mchid", "1900000001",
                        "paygate.wechatpay.apps.shop.appid", "wx0123456789abcdef",
                        "paygate.wechatpay.apps.shop.products", "jsapi,native",
                        "paygate.wechatpay.apps.shop.app-secret",
                            "0123456789abcdef0123456789abcdef")))
            .bind("paygate.wechatpay", WechatPayProperties.class)
            .get();

    WechatPayProperties.App shop = properties.apps().get("shop");
    assertThat(shop.appSecret()).isEqualTo("0123456789abcdef0123456789abcdef");
    assertThat(shop.toString()).contains("wx0123456789abcdef").doesNotContain("0123456789abcdef0");
    assertThat(properties.toString()).doesNotContain("0123456789abcdef0");
  }
}
