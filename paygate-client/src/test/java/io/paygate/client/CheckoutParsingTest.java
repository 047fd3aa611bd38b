package io.paygate.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.client.Models.Checkout;
import io.paygate.client.Models.Payment;
import org.junit.jupiter.api.Test;

/** A kind of checkout this client does not know never breaks reading the payment. */
class CheckoutParsingTest {

  private static Checkout read(String checkout) throws Exception {
    return Json.MAPPER
        .readValue("{\"out_trade_no\":\"A1\",\"checkout\":" + checkout + "}", Payment.class)
        .checkout();
  }

  @Test
  void eachKindReadsAsItsRecordAndANewKindAsUnknown() throws Exception {
    assertThat(read("{\"kind\":\"app\",\"order_string\":\"s\"}")).isEqualTo(new Checkout.App("s"));
    assertThat(read("{\"kind\":\"jsapi\",\"trade_no\":\"t\"}")).isEqualTo(new Checkout.Jsapi("t"));
    assertThat(read("{\"kind\":\"form\",\"url\":\"u\"}")).isEqualTo(new Checkout.Form("u"));
    assertThat(read("{\"kind\":\"qr\",\"qr_code\":\"q\"}")).isEqualTo(new Checkout.Qr("q"));
    assertThat(read("{\"kind\":\"redirect\",\"url\":\"r\"}")).isEqualTo(new Checkout.Redirect("r"));
    assertThat(read("{\"kind\":\"wallet\",\"token\":\"w\",\"more\":{\"a\":1}}"))
        .isEqualTo(new Checkout.Unknown("wallet"));
    assertThat(read("{\"url\":\"x\"}")).isEqualTo(new Checkout.Unknown(null));
    assertThat(read("null")).isNull();
  }
}
