package io.paygate.alipay.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.paygate.alipay.support.TestKeys;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AlipaySettingsTest {

  private static AlipaySettings withGateway(String gateway) {
    return new AlipaySettings(
        "2021000000000001",
        TestKeys.APP.privateKey(),
        TestKeys.ALIPAY.publicKey(),
        null,
        gateway,
        "https://shop.example/notify",
        " ",
        "2088000000000001",
        null,
        Duration.ofSeconds(3));
  }

  @Test
  void gatewayNamesResolveToAlipaysUrls() {
    assertThat(withGateway("production").gatewayUrl())
        .isEqualTo("https://openapi.alipay.com/gateway.do");
    assertThat(withGateway("alipay-sandbox").gatewayUrl())
        .isEqualTo("https://openapi-sandbox.dl.alipaydev.com/gateway.do");
    assertThat(withGateway("http://127.0.0.1:8080/sandbox/gateway.do").gatewayUrl())
        .isEqualTo("http://127.0.0.1:8080/sandbox/gateway.do");
  }

  @Test
  void anUnknownGatewayNameNamesTheProperty() {
    AlipaySettingsException e =
        catchThrowableOfType(AlipaySettingsException.class, () -> withGateway("prod"));

    assertThat(e.property()).isEqualTo("paygate.alipay.gateway");
  }

  @Test
  void defaultsAndBlanks() {
    AlipaySettings settings = withGateway("production");

    assertThat(settings.returnUrl()).isNull();
    assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(settings.signType()).isEqualTo("RSA2");
    assertThat(settings.charset()).isEqualTo("UTF-8");
  }

  @Test
  void aMissingAppIdNamesTheProperty() {
    AlipaySettingsException e =
        catchThrowableOfType(
            AlipaySettingsException.class,
            () ->
                new AlipaySettings(
                    "",
                    TestKeys.APP.privateKey(),
                    TestKeys.ALIPAY.publicKey(),
                    null,
                    "production",
                    "https://shop.example/notify",
                    null,
                    null,
                    null,
                    null));

    assertThat(e.property()).isEqualTo("paygate.alipay.app-id");
  }

  @Test
  void toStringNeverShowsKeys() {
    String text = withGateway("production").toString();

    assertThat(text)
        .contains("2021000000000001")
        .doesNotContain(TestKeys.APP.privateKey().substring(40, 80))
        .doesNotContain(TestKeys.ALIPAY.publicKey().substring(40, 80));
  }
}
