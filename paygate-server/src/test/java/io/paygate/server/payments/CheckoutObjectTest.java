package io.paygate.server.payments;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.server.SharedServerTest;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The create answer's {@code checkout} object for each product, as shops code against it. */
class CheckoutObjectTest extends SharedServerTest {

  private Reply create(String product, Map<String, String> more) {
    Map<String, String> body = new HashMap<>(more);
    body.put("product", product);
    body.put("out_trade_no", "CO" + UUID.randomUUID().toString().replace("-", "").substring(0, 20));
    body.put("total_amount", "2.00");
    body.put("subject", "Checkout 结账");
    Reply created = api("POST", "/api/v1/payments", body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created;
  }

  @Test
  void pageAndWapAnswerAFormAtTheirPayUrlWithoutTheSignedHtml() {
    for (String product : new String[] {"page", "wap"}) {
      JsonNode answer = create(product, Map.of()).json();
      String payUrl = answer.get("pay_url").asString();
      JsonNode checkout = answer.get("checkout");
      assertThat(checkout.get("kind").asString()).as(product).isEqualTo("form");
      assertThat(checkout.get("url").asString())
          .isEqualTo(payUrl)
          .endsWith("/pay/" + answer.get("out_trade_no").asString());
      assertThat(checkout.toString()).doesNotContain("<form");
      // The URL serves the auto-submitting form to Alipay's cashier.
      Reply page = get(payUrl);
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.body()).contains("<form");
    }
  }

  @Test
  void qrAnswersItsCode() {
    JsonNode answer = create("qr", Map.of()).json();
    JsonNode checkout = answer.get("checkout");
    assertThat(checkout.get("kind").asString()).isEqualTo("qr");
    assertThat(checkout.get("qr_code").asString())
        .isNotBlank()
        .isEqualTo(answer.get("qr_code").asString());
    assertThat(checkout.has("url")).isFalse();
  }

  @Test
  void anyAnswersARedirectToItsCashier() {
    JsonNode answer = create("any", Map.of()).json();
    JsonNode checkout = answer.get("checkout");
    assertThat(checkout.get("kind").asString()).isEqualTo("redirect");
    assertThat(checkout.get("url").asString())
        .isEqualTo(answer.get("pay_url").asString())
        .endsWith("/checkout/" + answer.get("out_trade_no").asString());
  }

  @Test
  void appAnswersItsOrderString() {
    JsonNode checkout = create("app", Map.of()).json().get("checkout");
    assertThat(checkout.get("kind").asString()).isEqualTo("app");
    assertThat(checkout.get("order_string").asString()).contains("alipay.trade.app.pay");
  }

  @Test
  void barcodeHasNoCheckoutItIsPaidAtOnce() {
    JsonNode answer =
        create("barcode", Map.of("auth_code", defaultBuyer().get("auth_code").asString())).json();
    assertThat(answer.get("status").asString()).isEqualTo("PAID");
    assertThat(answer.has("checkout")).isFalse();
  }
}
