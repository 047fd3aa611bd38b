package io.paygate.alipay.settings;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AlipayGatewayTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://openapi.alipay.com/gateway.do",
        "https://openapi.alipay.com/gateway.do?charset=utf-8",
        "https://OPENAPI.ALIPAY.COM:443/gateway.do",
        "https://openapi.alipay.com./gateway.do",
        "http://mapi.alipay.com/gateway.do",
        " https://openapi.alipay.com/gateway.do "
      })
  void alipaysProductionHostsAreKnownByHost(String url) {
    assertThat(AlipayGateway.isProduction(url)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://openapi-sandbox.dl.alipaydev.com/gateway.do",
        "http://localhost:8080/sandbox/gateway.do",
        "https://openapi.alipay.com.example.net/gateway.do",
        "https://notalipay.com/gateway.do",
        "not a url"
      })
  void otherHostsAreNot(String url) {
    assertThat(AlipayGateway.isProduction(url)).isFalse();
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
    "https://openapi.alipay.com/gateway.do, https://openauth.alipay.com/oauth2/publicAppAuthorize.htm",
    "https://openapi-sandbox.dl.alipaydev.com/gateway.do,"
        + " https://openauth-sandbox.dl.alipaydev.com/oauth2/publicAppAuthorize.htm",
    "http://localhost:8080/sandbox/gateway.do,"
        + " http://localhost:8080/sandbox/oauth2/publicAppAuthorize.htm"
  })
  void theSignInPageIsAlipaysOrBesideAnotherGateway(String gateway, String page) {
    assertThat(AlipayGateway.authorizePage(gateway)).isEqualTo(page);
  }
}
