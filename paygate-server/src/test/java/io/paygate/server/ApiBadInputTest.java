package io.paygate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every refusal is a 4xx problem detail with a stable code, and changes nothing. */
class ApiBadInputTest extends SharedServerTest {

  private static void assertProblem(Reply reply, int status, String code, String field) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    assertThat(reply.json().get("code").asString()).isEqualTo(code);
    assertThat(reply.body()).doesNotContain("Exception").doesNotContain("at io.paygate");
    if (field != null) {
      assertThat(reply.json().get("field").asString()).isEqualTo(field);
    }
  }

  @Test
  void theApiNeedsAValidKey() {
    Reply none =
        send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/payments/x")).GET().build());
    assertProblem(none, 401, "UNAUTHORIZED", null);
    assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer");
    Reply wrong =
        send(
            HttpRequest.newBuilder(URI.create(base() + "/api/v1/payments/x"))
                .header("Authorization", "Bearer not-the-key")
                .GET()
                .build());
    assertProblem(wrong, 401, "UNAUTHORIZED", null);
    assertThat(wrong.body()).doesNotContain("not-the-key").doesNotContain(API_KEY);
  }

  @Test
  void createRefusesEachBadFieldByName() {
    assertProblem(
        api("POST", "/api/v1/payments", Map.of("total_amount", "1.001", "subject", "a")),
        400,
        "VALIDATION_FAILED",
        "total_amount");
    assertProblem(
        api("POST", "/api/v1/payments", Map.of("total_amount", "0.00", "subject", "a")),
        400,
        "VALIDATION_FAILED",
        "total_amount");
    assertProblem(
        api("POST", "/api/v1/payments", Map.of("total_amount", "100000000.01", "subject", "a")),
        400,
        "VALIDATION_FAILED",
        "total_amount");
    assertProblem(
        api("POST", "/api/v1/payments", Map.of("subject", "a")),
        400,
        "VALIDATION_FAILED",
        "total_amount");
    assertProblem(
        api("POST", "/api/v1/payments", Map.of("total_amount", "1.00")),
        400,
        "VALIDATION_FAILED",
        "subject");
    assertProblem(
        api("POST", "/api/v1/payments", Map.of("total_amount", "1.00", "subject", "x".repeat(257))),
        400,
        "VALIDATION_FAILED",
        "subject");
    assertProblem(
        api(
            "POST",
            "/api/v1/payments",
            Map.of("total_amount", "1.00", "subject", "a", "product", "fax")),
        400,
        "VALIDATION_FAILED",
        "product");
    assertProblem(
        api(
            "POST",
            "/api/v1/payments",
            Map.of("total_amount", "1.00", "subject", "a", "out_trade_no", "no spaces")),
        400,
        "VALIDATION_FAILED",
        "out_trade_no");
    assertProblem(
        api("POST", "/api/v1/payments", "{\"total_amount\": "), 400, "MALFORMED_REQUEST", null);
    assertProblem(api("POST", "/api/v1/payments", "[]"), 400, "MALFORMED_REQUEST", null);
    assertProblem(api("POST", "/api/v1/payments", null), 400, "MALFORMED_REQUEST", null);
  }

  @Test
  void aTakenOutTradeNoIsAConflictAndTheFirstPaymentIsUntouched() {
    Map<String, String> request =
        Map.of("total_amount", "1.00", "subject", "first", "out_trade_no", "ORDER_dup_1");
    assertThat(api("POST", "/api/v1/payments", request).status()).isEqualTo(201);
    Reply again =
        api(
            "POST",
            "/api/v1/payments",
            Map.of("total_amount", "9.99", "subject", "second", "out_trade_no", "ORDER_dup_1"));
    assertProblem(again, 409, "OUT_TRADE_NO_TAKEN", "out_trade_no");
    assertThat(payment("ORDER_dup_1").get("total_amount").asString()).isEqualTo("1.00");
  }

  @Test
  void unknownThingsAre404() {
    assertProblem(api("GET", "/api/v1/payments/NOPE", null), 404, "PAYMENT_NOT_FOUND", null);
    assertProblem(
        api("GET", "/api/v1/payments?trade_no=2026000000", null), 404, "PAYMENT_NOT_FOUND", null);
    assertProblem(
        api("POST", "/api/v1/payments/NOPE/refunds", Map.of("refund_amount", "1.00")),
        404,
        "PAYMENT_NOT_FOUND",
        null);
    assertProblem(api("POST", "/api/v1/payments/NOPE/close", null), 404, "PAYMENT_NOT_FOUND", null);
    String outTradeNo = createPayment("1.00", "page");
    assertProblem(
        api("GET", "/api/v1/payments/" + outTradeNo + "/refunds/R404", null),
        404,
        "REFUND_NOT_FOUND",
        null);
    assertProblem(api("GET", "/api/v1/nowhere", null), 404, "NOT_FOUND", null);
  }

  @Test
  void refundFieldsAreCheckedBeforeAnythingElse() {
    String outTradeNo = createPayment("1.00", "page");
    String refunds = "/api/v1/payments/" + outTradeNo + "/refunds";
    assertProblem(
        api("POST", refunds, Map.of("refund_amount", "abc")),
        400,
        "VALIDATION_FAILED",
        "refund_amount");
    assertProblem(
        api("POST", refunds, Map.of("refund_amount", "1.00", "out_request_no", "bad/no")),
        400,
        "VALIDATION_FAILED",
        "out_request_no");
    assertProblem(
        api("POST", refunds, Map.of("refund_amount", "1.00", "refund_reason", "x".repeat(257))),
        400,
        "VALIDATION_FAILED",
        "refund_reason");
    assertThat(api("GET", refunds, null).json().size()).isZero();
  }

  /**
   * Numbers a URL cannot hold once passed the check, were refunded at Alipay and then failed the
   * answer's Location with a 500: now each is refused before anything is stored or sent.
   */
  @Test
  void aRefundNumberOutsideAlipaysCharactersIsRefusedAndRefundsNothing() {
    String outTradeNo = paidPayment("3.00");
    String refunds = "/api/v1/payments/" + outTradeNo + "/refunds";
    java.math.BigDecimal before = buyerBalance();
    for (String number : new String[] {"R|1", "{", "^", "R 1", "R-1"}) {
      assertProblem(
          api("POST", refunds, Map.of("refund_amount", "1.00", "out_request_no", number)),
          400,
          "VALIDATION_FAILED",
          "out_request_no");
    }
    assertThat(api("GET", refunds, null).json().size()).isZero();
    assertThat(buyerBalance()).isEqualByComparingTo(before);
    Reply good = api("POST", refunds, Map.of("refund_amount", "1.00", "out_request_no", "R_1"));
    assertThat(good.status()).isEqualTo(201);
    assertThat(good.header("Location")).isEqualTo(refunds + "/R_1");
  }

  @Test
  void wrongMediaTypeAndBadQueryParametersAre4xx() {
    Reply text =
        send(
            HttpRequest.newBuilder(URI.create(base() + "/api/v1/payments"))
                .header("Authorization", "Bearer " + API_KEY)
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hello"))
                .build());
    assertThat(text.status()).isEqualTo(415);
    assertThat(text.json().get("code").asString()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    String outTradeNo = createPayment("1.00", "page");
    assertProblem(
        api("GET", "/api/v1/payments/" + outTradeNo + "?sync=maybe", null),
        400,
        "VALIDATION_FAILED",
        "sync");
  }
}
