package io.paygate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The seed's whole flow against the embedded sandbox: pay, return, notify, query, refund, close.
 */
class PaymentFlowTest extends SharedServerTest {

  @Test
  void aBuyerPaysAtTheCashierAndTheVerifiedNotifyMarksThePaymentPaid() {
    String outTradeNo = createPayment("88.88", "page");
    assertThat(payment(outTradeNo).get("status").asString()).isEqualTo("PENDING");

    Reply cashier = openCashier(outTradeNo);
    assertThat(cashier.status()).isIn(200, 302);

    Reply paid = payAsBuyer(outTradeNo);
    assertThat(paid.status()).isEqualTo(200);
    assertThat(paid.json().get("trade_status").asString()).isEqualTo("TRADE_SUCCESS");

    JsonNode payment = payment(outTradeNo);
    assertThat(payment.get("status").asString()).isEqualTo("PAID");
    assertThat(payment.get("total_amount").asString()).isEqualTo("88.88");
    assertThat(payment.get("trade_no").asString())
        .isEqualTo(paid.json().get("trade_no").asString());
    assertThat(payment.has("pay_url")).isFalse();

    // The sandbox recorded the notify as delivered: the server answered exactly "success".
    JsonNode notifies = get("/sandbox/api/notifies?out_trade_no=" + outTradeNo).json();
    assertThat(notifies.get(0).get("delivered").asBoolean()).isTrue();

    // The return URL the cashier would send the browser to shows the paid state.
    Reply returned = get(paid.json().get("return_url").asString());
    assertThat(returned.status()).isEqualTo(200);
    assertThat(returned.body()).contains("支付成功").contains(outTradeNo);

    // Found by Alipay's number too.
    Reply byTradeNo =
        api(
            "GET",
            "/api/v1/payments?sync=true&trade_no=" + payment.get("trade_no").asString(),
            null);
    assertThat(byTradeNo.json().get("out_trade_no").asString()).isEqualTo(outTradeNo);
  }

  @Test
  void aTamperedReturnUrlIsRefusedAndChangesNothing() {
    String outTradeNo = createPayment("5.00", "wap");
    openCashier(outTradeNo);
    Reply paid = payAsBuyer(outTradeNo);
    String returnUrl = paid.json().get("return_url").asString();

    Reply tampered = get(returnUrl.replace("total_amount=5.00", "total_amount=0.01"));
    assertThat(tampered.status()).isEqualTo(400);
    assertThat(tampered.body()).doesNotContain("Exception");
  }

  @Test
  void syncLeavesAnOpenedButUnpaidPaymentPending() {
    String outTradeNo = createPayment("1.00", "page");
    openCashier(outTradeNo);
    JsonNode buyer = defaultBuyer();
    Reply scanned =
        postJson(
            "/sandbox/api/buyer/scan",
            Map.of(
                "app_id", appId(),
                "out_trade_no", outTradeNo,
                "buyer_logon_id", buyer.get("logon_id").asString()));
    assertThat(scanned.status()).isEqualTo(200);
    JsonNode synced = api("GET", "/api/v1/payments/" + outTradeNo + "?sync=true", null).json();
    assertThat(synced.get("status").asString()).isEqualTo("PENDING");
  }

  @Test
  void twoPartialRefundsARepeatAndAnOverRefund() {
    String outTradeNo = paidPayment("10.00");
    String refunds = "/api/v1/payments/" + outTradeNo + "/refunds";

    Reply first =
        api(
            "POST",
            refunds,
            Map.of("refund_amount", "3.00", "out_request_no", "R1", "refund_reason", "退货"));
    assertThat(first.status()).isEqualTo(201);
    assertThat(first.json().get("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(payment(outTradeNo).get("status").asString()).isEqualTo("PARTIALLY_REFUNDED");

    Reply second = api("POST", refunds, Map.of("refund_amount", "2.50"));
    assertThat(second.json().get("status").asString()).isEqualTo("SUCCEEDED");
    String generated = second.json().get("out_request_no").asString();
    assertThat(generated).matches("[0-9A-Za-z_]{1,64}");

    Reply repeat = api("POST", refunds, Map.of("refund_amount", "3.00", "out_request_no", "R1"));
    assertThat(repeat.json().get("out_request_no").asString()).isEqualTo("R1");
    assertThat(repeat.json().get("status").asString()).isEqualTo("SUCCEEDED");

    Reply conflicting =
        api("POST", refunds, Map.of("refund_amount", "1.00", "out_request_no", "R1"));
    assertThat(conflicting.status()).isEqualTo(409);
    assertThat(conflicting.json().get("code").asString()).isEqualTo("OUT_REQUEST_NO_CONFLICT");

    Reply over = api("POST", refunds, Map.of("refund_amount", "4.51"));
    assertThat(over.status()).isEqualTo(422);
    assertThat(over.contentType()).startsWith("application/problem+json");
    assertThat(over.json().get("code").asString()).isEqualTo("REFUND_EXCEEDS_AVAILABLE");
    assertThat(over.json().get("field").asString()).isEqualTo("refund_amount");

    JsonNode payment = payment(outTradeNo);
    assertThat(payment.get("refunded_amount").asString()).isEqualTo("5.50");
    assertThat(api("GET", refunds, null).json().size()).isEqualTo(2);
    assertThat(api("GET", refunds + "/R1", null).json().get("refund_amount").asString())
        .isEqualTo("3.00");

    Reply rest = api("POST", refunds, Map.of("refund_amount", "4.50"));
    assertThat(rest.json().get("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(payment(outTradeNo).get("status").asString()).isEqualTo("REFUNDED");
    assertThat(payment(outTradeNo).get("refunded_amount").asString()).isEqualTo("10.00");
  }

  @Test
  void closingAPaymentTheBuyerNeverOpenedClosesItLocally() {
    String outTradeNo = createPayment("2.00", "page");
    Reply closed = api("POST", "/api/v1/payments/" + outTradeNo + "/close", null);
    assertThat(closed.status()).isEqualTo(200);
    assertThat(closed.json().get("status").asString()).isEqualTo("CLOSED");
    // A closed payment no longer sends anyone to the cashier.
    assertThat(get("/pay/" + outTradeNo).status()).isEqualTo(409);
    // Closing again is harmless.
    assertThat(api("POST", "/api/v1/payments/" + outTradeNo + "/close", null).status())
        .isEqualTo(200);
  }

  @Test
  void aPaidPaymentCannotBeClosedNorAnUnpaidOneRefunded() {
    String paid = paidPayment("3.00");
    Reply close = api("POST", "/api/v1/payments/" + paid + "/close", null);
    assertThat(close.status()).isEqualTo(409);
    assertThat(close.json().get("code").asString()).isEqualTo("PAYMENT_NOT_CLOSABLE");

    String unpaid = createPayment("3.00", "page");
    Reply refund =
        api("POST", "/api/v1/payments/" + unpaid + "/refunds", Map.of("refund_amount", "1.00"));
    assertThat(refund.status()).isEqualTo(409);
    assertThat(refund.json().get("code").asString()).isEqualTo("PAYMENT_NOT_REFUNDABLE");
  }

  @Test
  void aGbkNotifyFromTheSandboxVerifies() {
    String outTradeNo = createPayment("9.90", "page");
    openCashier(outTradeNo);
    fault("{\"notify\":[{\"kind\":\"gbk\",\"count\":1}]}");
    try {
      assertThat(payAsBuyer(outTradeNo).status()).isEqualTo(200);
    } finally {
      clearSandboxFaults();
    }
    assertThat(payment(outTradeNo).get("status").asString()).isEqualTo("PAID");
  }

  @Test
  void aNotifyWithAForgedSignatureChangesNothingAndIsRetried() {
    String outTradeNo = createPayment("9.90", "page");
    openCashier(outTradeNo);
    fault("{\"notify\":[{\"kind\":\"bad_signature\",\"count\":1}]}");
    try {
      assertThat(payAsBuyer(outTradeNo).status()).isEqualTo(200);
    } finally {
      clearSandboxFaults();
    }
    assertThat(payment(outTradeNo).get("status").asString()).isEqualTo("PENDING");
    JsonNode notify = get("/sandbox/api/notifies?out_trade_no=" + outTradeNo).json().get(0);
    assertThat(notify.get("delivered").asBoolean()).isFalse();
    assertThat(notify.get("attempts").get(0).get("reply").asString()).isEqualTo("failure");

    // Alipay's next attempt is genuine: it is applied.
    postJson("/sandbox/api/notifies/" + notify.get("id").asLong() + "/redeliver", Map.of());
    assertThat(payment(outTradeNo).get("status").asString()).isEqualTo("PAID");
  }

  @Test
  void theRedeliveredNotifyChangesNothingTwice() {
    String outTradeNo = paidPayment("6.00");
    JsonNode before = payment(outTradeNo);
    long notifyId =
        get("/sandbox/api/notifies?out_trade_no=" + outTradeNo).json().get(0).get("id").asLong();
    Reply redelivered = postJson("/sandbox/api/notifies/" + notifyId + "/redeliver", Map.of());
    assertThat(redelivered.status()).isLessThan(300);
    JsonNode after = payment(outTradeNo);
    assertThat(after.get("status").asString()).isEqualTo("PAID");
    assertThat(after.get("paid_at").asString()).isEqualTo(before.get("paid_at").asString());
    JsonNode notify = get("/sandbox/api/notifies?out_trade_no=" + outTradeNo).json().get(0);
    JsonNode attempts = notify.get("attempts");
    assertThat(attempts.get(attempts.size() - 1).get("reply").asString()).isEqualTo("success");
  }
}
