package io.paygate.server.payments;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.server.SharedServerTest;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * App pay, JSAPI, buyer sign-in and TRADE_FINISHED through the merchant API, with the embedded
 * sandbox playing the Alipay app.
 */
class InAppPaymentsTest extends SharedServerTest {

  private static String number(String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
  }

  private Reply create(Map<String, String> fields) {
    Map<String, String> body = new HashMap<>(fields);
    body.putIfAbsent("total_amount", "5.00");
    body.putIfAbsent("subject", "App 应用");
    return api("POST", "/api/v1/payments", body);
  }

  /** What the Alipay app answers the shop's app, after the buyer paid the order string. */
  private JsonNode payInTheAlipayApp(String orderString) {
    JsonNode buyer = defaultBuyer();
    Reply answer =
        postJson(
            "/sandbox/api/app/pay",
            Map.of(
                "order_string", orderString,
                "buyer_logon_id", buyer.get("logon_id").asString(),
                "pay_password", buyer.get("pay_password").asString()));
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json();
  }

  private int succeeded(String outTradeNo) {
    return api("GET", "/api/v1/events?type=payment.succeeded&payment=" + outTradeNo, null)
        .json()
        .get("data")
        .size();
  }

  private String newBuyer() {
    String logon = number("b").toLowerCase() + "@sandbox.paygate";
    Reply created =
        postJson(
            "/sandbox/api/buyers",
            Map.of("logon_id", logon, "pay_password", "111111", "balance", "100.00"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return logon;
  }

  @Test
  void anAppPaymentAnswersItsOrderStringAndEndsPaidByNotify() {
    String out = number("APP");
    Reply created = create(Map.of("product", "app", "out_trade_no", out));

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode checkout = created.json().get("checkout");
    assertThat(checkout.get("kind").asString()).isEqualTo("app");
    String orderString = checkout.get("order_string").asString();
    assertThat(orderString).contains("alipay.trade.app.pay").contains(out);
    assertThat(created.json().has("pay_url")).isFalse();

    JsonNode result = payInTheAlipayApp(orderString);
    assertThat(result.get("resultStatus").asString()).isEqualTo("9000");

    // The notify booked it, with no query of ours.
    assertThat(payment(out).get("status").asString()).isEqualTo("PAID");
    assertThat(succeeded(out)).isEqualTo(1);

    // Posting the app's result checks it and asks Alipay: still one success.
    Reply posted =
        api(
            "POST",
            "/api/v1/payments/" + out + "/app-result",
            Map.of(
                "resultStatus", "9000",
                "memo", "",
                "result", result.get("result").asString()));
    assertThat(posted.status()).as(posted.body()).isEqualTo(200);
    assertThat(posted.json().get("status").asString()).isEqualTo("PAID");
    assertThat(succeeded(out)).isEqualTo(1);
  }

  @Test
  void aForgedAppResultIsRefusedAndChangesNothing() {
    String out = number("APPF");
    Reply created = create(Map.of("product", "app", "out_trade_no", out));
    String orderString = created.json().get("checkout").get("order_string").asString();
    // Another payment's genuine result, and this one's tampered with, prove nothing here.
    String other = number("APPO");
    String otherOrder =
        create(Map.of("product", "app", "out_trade_no", other))
            .json()
            .get("checkout")
            .get("order_string")
            .asString();
    String othersResult = payInTheAlipayApp(otherOrder).get("result").asString();

    for (String forged :
        new String[] {
          othersResult,
          othersResult.replace(other, out),
          "{\"alipay_trade_app_pay_response\":{\"code\":\"10000\",\"out_trade_no\":\""
              + out
              + "\"},\"sign\":\"AAAA\"}",
          ""
        }) {
      Reply refused =
          api("POST", "/api/v1/payments/" + out + "/app-result", Map.of("result", forged));
      assertThat(refused.status()).as(refused.body()).isEqualTo(400);
      assertThat(refused.contentType()).startsWith("application/problem+json");
      assertThat(refused.json().get("code").asString()).isEqualTo("APP_RESULT_REJECTED");
    }
    assertThat(payment(out).get("status").asString()).isEqualTo("PENDING");
    assertThat(orderString).contains(out);
  }

  @Test
  void aJsapiPaymentForASignedInBuyerIsPaidByThatBuyerOnly() {
    String buyer = newBuyer();
    Reply code =
        postJson("/sandbox/api/oauth/codes", Map.of("app_id", appId(), "buyer_logon_id", buyer));
    String authCode = code.json().get("auth_code").asString();

    Reply identity = api("POST", "/api/v1/buyer-identities", Map.of("auth_code", authCode));
    assertThat(identity.status()).as(identity.body()).isEqualTo(200);
    String buyerId = identity.json().get("buyer_id").asString();
    assertThat(buyerId).startsWith("2088");
    Reply again = api("POST", "/api/v1/buyer-identities", Map.of("auth_code", authCode));
    assertThat(again.status()).isEqualTo(422);
    assertThat(again.body()).contains("isv.code-invalid");

    String out = number("JS");
    Reply created = create(Map.of("product", "jsapi", "out_trade_no", out, "buyer_id", buyerId));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode checkout = created.json().get("checkout");
    assertThat(checkout.get("kind").asString()).isEqualTo("jsapi");
    String tradeNo = checkout.get("trade_no").asString();

    JsonNode someoneElse = defaultBuyer();
    Reply refused =
        postJson(
            "/sandbox/api/buyer/pay",
            Map.of(
                "app_id", appId(),
                "trade_no", tradeNo,
                "buyer_logon_id", someoneElse.get("logon_id").asString(),
                "pay_password", someoneElse.get("pay_password").asString()));
    assertThat(refused.status()).isEqualTo(409);
    assertThat(payment(out).get("status").asString()).isEqualTo("PENDING");

    Reply paid =
        postJson(
            "/sandbox/api/buyer/pay",
            Map.of(
                "app_id",
                appId(),
                "trade_no",
                tradeNo,
                "buyer_logon_id",
                buyer,
                "pay_password",
                "111111"));
    assertThat(paid.status()).as(paid.body()).isEqualTo(200);
    assertThat(payment(out).get("status").asString()).isEqualTo("PAID");
    assertThat(payment(out).get("trade_no").asString()).isEqualTo(tradeNo);
  }

  @Test
  void aJsapiCreateWithoutABuyerIsA400NamingTheField() {
    Reply missing = create(Map.of("product", "jsapi", "out_trade_no", number("JSN")));
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().get("field").asString()).isEqualTo("buyer_id");

    Reply both =
        create(
            Map.of(
                "product", "jsapi",
                "out_trade_no", number("JSB"),
                "buyer_id", "2088000000000001",
                "buyer_open_id", "0abc"));
    assertThat(both.status()).isEqualTo(400);
    assertThat(both.json().get("field").asString()).isEqualTo("buyer_open_id");

    String noBuyer = number("JSP");
    Reply notForPage =
        create(Map.of("product", "page", "out_trade_no", noBuyer, "buyer_id", "2088000000000001"));
    assertThat(notForPage.status()).isEqualTo(400);
    assertThat(api("GET", "/api/v1/payments/" + noBuyer, null).status()).isEqualTo(404);
  }

  @Test
  void tradeFinishedAfterSuccessChangesNothingAndThenRefundsAreRefusedBeforeAlipay() {
    String out = number("FIN");
    Reply created = create(Map.of("product", "app", "out_trade_no", out));
    payInTheAlipayApp(created.json().get("checkout").get("order_string").asString());
    JsonNode paid = payment(out);
    assertThat(paid.get("status").asString()).isEqualTo("PAID");
    int exchangesBefore = exchanges(out);
    int eventsBefore = events(out);

    Reply finished =
        postJson("/sandbox/api/trades/" + paid.get("trade_no").asString() + "/finish", Map.of());
    assertThat(finished.status()).as(finished.body()).isEqualTo(200);

    JsonNode after = payment(out);
    assertThat(after.get("status").asString()).isEqualTo("PAID");
    assertThat(after.has("finished_at")).isTrue();
    assertThat(succeeded(out)).isEqualTo(1);
    // Nothing is told the shop: no event at all for the finish.
    assertThat(events(out)).isEqualTo(eventsBefore);

    Reply refund = refundPayment(out, "1.00", "R" + out);
    assertThat(refund.status()).as(refund.body()).isEqualTo(409);
    assertThat(refund.json().get("code").asString()).isEqualTo("PAYMENT_NOT_REFUNDABLE");
    // Nothing was asked of Alipay for it: no outbound call since the notify.
    assertThat(exchanges(out)).isEqualTo(exchangesBefore + 1);
  }

  private Reply keyed(String key, String path, Object body) {
    return send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(base() + path))
            .header("Authorization", "Bearer " + API_KEY)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", key)
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build());
  }

  @Test
  void anIdempotencyKeyReplaysASignInAndAnAppResultAsTheFirstAnswer() {
    String buyer = newBuyer();
    String authCode =
        postJson("/sandbox/api/oauth/codes", Map.of("app_id", appId(), "buyer_logon_id", buyer))
            .json()
            .get("auth_code")
            .asString();
    String key = UUID.randomUUID().toString();
    Reply first = keyed(key, "/api/v1/buyer-identities", Map.of("auth_code", authCode));
    Reply retry = keyed(key, "/api/v1/buyer-identities", Map.of("auth_code", authCode));
    assertThat(first.status()).as(first.body()).isEqualTo(200);
    // The code is spent, yet the retry hears the first answer, not Alipay's refusal.
    assertThat(retry.status()).isEqualTo(200);
    assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(retry.json().get("buyer_id").asString())
        .isEqualTo(first.json().get("buyer_id").asString());

    String out = number("APPK");
    String orderString =
        create(Map.of("product", "app", "out_trade_no", out))
            .json()
            .get("checkout")
            .get("order_string")
            .asString();
    String result = payInTheAlipayApp(orderString).get("result").asString();
    String resultKey = UUID.randomUUID().toString();
    Reply posted =
        keyed(resultKey, "/api/v1/payments/" + out + "/app-result", Map.of("result", result));
    Reply again =
        keyed(resultKey, "/api/v1/payments/" + out + "/app-result", Map.of("result", result));
    assertThat(posted.status()).as(posted.body()).isEqualTo(200);
    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(again.body()).isEqualTo(posted.body());
  }

  private int events(String outTradeNo) {
    return api("GET", "/api/v1/events?payment=" + outTradeNo, null).json().get("data").size();
  }

  /** The exchanges recorded for a payment (calls to Alipay and its notifies). */
  private int exchanges(String outTradeNo) {
    return jdbcCount(outTradeNo);
  }

  @org.springframework.beans.factory.annotation.Autowired
  org.springframework.jdbc.core.simple.JdbcClient jdbc;

  private int jdbcCount(String outTradeNo) {
    return jdbc.sql("SELECT COUNT(*) FROM exchanges WHERE out_trade_no = ?")
        .param(outTradeNo)
        .query(Integer.class)
        .single();
  }
}
