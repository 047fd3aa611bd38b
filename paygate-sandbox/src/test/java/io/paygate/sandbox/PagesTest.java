package io.paygate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class PagesTest extends PageFlowSupport {

  @Test
  void theControlPageShowsAppsBuyersTradesAndTheClock() throws Exception {
    String out = unique("HOME");
    openCashier(pagePay(biz(out, "4.56", "FAST_INSTANT_TRADE_PAY"), null, null));

    HttpResponse<String> page = get(base() + "/sandbox");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type").orElse("")).contains("text/html");
    assertThat(page.body())
        .contains(
            app().appId(), app().alipayPublicKey(), "buyer@sandbox.paygate", out, "gateway.do");
  }

  @Test
  void theSdkGetLinkOpensTheCashierToo() throws Exception {
    String out = unique("LINK");
    String link =
        sdk()
            .pageExecute(pagePay(biz(out, "7.00", "FAST_INSTANT_TRADE_PAY"), null, null), "GET")
            .getBody();

    HttpResponse<String> response = get(link);

    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location").orElseThrow())
        .startsWith(base() + "/sandbox/cashier/");
  }

  @Test
  void aTamperedPageFormShowsTheSignatureErrorPage() throws Exception {
    String link =
        sdk()
            .pageExecute(
                pagePay(biz(unique("T"), "7.00", "FAST_INSTANT_TRADE_PAY"), null, null), "GET")
            .getBody();

    HttpResponse<String> response = get(link.replace("7.00", "0.01"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("isv.invalid-signature");
  }

  @Test
  void anUnknownCashierIsAFriendly404() throws Exception {
    assertThat(get(base() + "/sandbox/cashier/nope").statusCode()).isEqualTo(404);
  }
}
