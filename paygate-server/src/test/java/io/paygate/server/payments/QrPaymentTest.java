package io.paygate.server.payments;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.server.recovery.HeldAnswersServerTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Face-to-face QR payments: created through the API, shown on /pay/{no}, paid in the sandbox. */
class QrPaymentTest extends HeldAnswersServerTest {

  private String status(String outTradeNo) {
    Reply reply = get("/pay/" + outTradeNo + "/status");
    assertThat(reply.status()).isEqualTo(200);
    return reply.json().get("status").asString();
  }

  @Test
  void aQrPaymentShowsItsCodeAndTurnsPaidWhenTheBuyerScansAndPays() throws Exception {
    Reply created =
        api(
            "POST",
            "/api/v1/payments",
            Map.of("total_amount", "8.80", "subject", "扫码咖啡 Coffee", "product", "qr"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode payment = created.json();
    String outTradeNo = payment.get("out_trade_no").asString();
    assertThat(payment.get("product").asString()).isEqualTo("qr");
    assertThat(payment.get("qr_code").asString()).contains("/sandbox/cashier/").endsWith("/scan");
    // The code is the create answer's; a later read does not ask Alipay again.
    assertThat(payment(outTradeNo).has("qr_code")).isFalse();

    Reply page = get("/pay/" + outTradeNo);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body())
        .contains("id=\"qr\" src=\"data:image/png;base64,")
        .contains("8.80")
        .contains("待支付 PENDING")
        .containsPattern("<script src=\"/js/qr-[0-9a-f]{32}\\.js\">")
        .doesNotContain("<script>");
    assertThat(status(outTradeNo)).isEqualTo("PENDING");

    JsonNode buyer = defaultBuyer();
    Map<String, String> scan =
        Map.of(
            "app_id", appId(),
            "out_trade_no", outTradeNo,
            "buyer_logon_id", buyer.get("logon_id").asString(),
            "pay_password", buyer.get("pay_password").asString());
    assertThat(postJson("/sandbox/api/buyer/scan", scan).status()).isEqualTo(200);
    assertThat(payAsBuyer(outTradeNo).status()).isEqualTo(200);

    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!status(outTradeNo).equals("PAID") && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(status(outTradeNo)).isEqualTo("PAID");
    assertThat(payment(outTradeNo).get("total_amount").asString()).isEqualTo("8.80");
    Reply paidPage = get("/pay/" + outTradeNo);
    assertThat(paidPage.body()).contains("已支付 PAID").doesNotContain("id=\"qr\"");
    assertThat(api("GET", "/api/v1/events?payment=" + outTradeNo, null).body())
        .contains("payment.succeeded");
  }

  private String qrPayment(String amount) {
    Reply created =
        api(
            "POST",
            "/api/v1/payments",
            Map.of("total_amount", amount, "subject", "撤销 Cancel", "product", "qr"));
    assertThat(created.status()).isEqualTo(201);
    return created.json().get("out_trade_no").asString();
  }

  private void scanAndPay(String outTradeNo) throws InterruptedException {
    JsonNode buyer = defaultBuyer();
    Map<String, String> scan =
        Map.of(
            "app_id", appId(),
            "out_trade_no", outTradeNo,
            "buyer_logon_id", buyer.get("logon_id").asString(),
            "pay_password", buyer.get("pay_password").asString());
    assertThat(postJson("/sandbox/api/buyer/scan", scan).status()).isEqualTo(200);
    assertThat(payAsBuyer(outTradeNo).status()).isEqualTo(200);
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!payment(outTradeNo).get("status").asString().equals("PAID")
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  @Test
  void cancellingAnUnscannedCodeClosesItAndAPaidOneIsRefundedInFull() throws Exception {
    String unscanned = qrPayment("3.00");
    Reply closed = api("POST", "/api/v1/payments/" + unscanned + "/cancel", null);
    assertThat(closed.status()).as(closed.body()).isEqualTo(200);
    assertThat(closed.json().get("action").asString()).isEqualTo("close");
    assertThat(closed.json().get("payment").get("status").asString()).isEqualTo("CLOSED");

    java.math.BigDecimal before = buyerBalance();
    String paid = qrPayment("4.00");
    scanAndPay(paid);
    assertThat(payment(paid).get("status").asString()).isEqualTo("PAID");
    Reply refunded = api("POST", "/api/v1/payments/" + paid + "/cancel", null);
    assertThat(refunded.status()).as(refunded.body()).isEqualTo(200);
    assertThat(refunded.json().get("action").asString()).isEqualTo("refund");
    // The refund the cancel made is asked for by its number (the order's) and booked at once.
    assertThat(refunded.json().get("payment").get("status").asString()).isEqualTo("REFUNDED");
    JsonNode after = payment(paid);
    assertThat(after.get("status").asString()).isEqualTo("REFUNDED");
    assertThat(after.get("refunded_amount").asString()).isEqualTo("4.00");
    // The refund Alipay made for the cancel is in the books, and the buyer has the money back.
    JsonNode refunds = api("GET", "/api/v1/payments/" + paid + "/refunds", null).json();
    assertThat(refunds).hasSize(1);
    assertThat(refunds.get(0).get("refund_amount").asString()).isEqualTo("4.00");
    assertThat(buyerBalance()).isEqualByComparingTo(before);
    // Again: the same answer, nothing moves twice.
    Reply again = api("POST", "/api/v1/payments/" + paid + "/cancel", null);
    assertThat(again.json().get("action").asString()).isEqualTo("refund");
    assertThat(buyerBalance()).isEqualByComparingTo(before);

    Reply cashier =
        api("POST", "/api/v1/payments/" + createPayment("1.00", "page") + "/cancel", null);
    assertThat(cashier.status()).isEqualTo(409);
    assertThat(cashier.json().get("code").asString()).isEqualTo("PAYMENT_NOT_CANCELLABLE");
  }

  @Test
  void aCodeNobodyScansEndsClosedAtTheExpiry() {
    Reply created =
        api(
            "POST",
            "/api/v1/payments",
            Map.of("total_amount", "2.00", "subject", "无人扫码 Nobody scans", "product", "qr"));
    String outTradeNo = created.json().get("out_trade_no").asString();
    assertThat(created.json().has("qr_code")).isTrue();

    clock.advance(java.time.Duration.ofHours(2).plusMinutes(1));
    due.run();

    assertThat(payment(outTradeNo).get("status").asString()).isEqualTo("CLOSED");
    assertThat(get("/pay/" + outTradeNo).body()).contains("已关闭 CLOSED").doesNotContain("id=\"qr\"");
  }

  @Test
  void aCashierPaymentStillGetsItsFormAndAStrangersNumberIsA404() {
    String outTradeNo = createPayment("1.00", "page");
    assertThat(get("/pay/" + outTradeNo).body()).contains("<form").contains("/js/pay-");
    assertThat(get("/pay/NO_SUCH_PAYMENT/status").status()).isEqualTo(404);
    Reply bad =
        api(
            "POST",
            "/api/v1/payments",
            Map.of("total_amount", "1.00", "subject", "x", "product", "cash"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("detail").asString()).contains("qr");
  }
}
