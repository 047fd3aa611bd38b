package io.paygate.server.payments;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.server.recovery.HeldAnswersServerTest;
import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Barcode payments (付款码) through the API against the sandbox: paid at once, paid after the buyer
 * confirms on the phone (10003), and cancelled when the buyer never does.
 */
class BarcodePaymentTest extends HeldAnswersServerTest {

  private Reply charge(String amount, String authCode) {
    return api(
        "POST",
        "/api/v1/payments",
        Map.of(
            "total_amount",
            amount,
            "subject",
            "收银台 Counter",
            "product",
            "barcode",
            "auth_code",
            authCode));
  }

  /** A new sandbox buyer who confirms with the password 135790; returns {logon_id, auth_code}. */
  private JsonNode carefulBuyer() {
    String logonId = "careful-" + UUID.randomUUID() + "@sandbox.test";
    assertThat(
            postJson(
                    "/sandbox/api/buyers",
                    Map.of("logon_id", logonId, "pay_password", "135790", "balance", "100.00"))
                .status())
        .isEqualTo(201);
    send(
        java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(base() + "/sandbox/api/buyers/" + logonId + "/password-wait"))
            .header("Content-Type", "application/json")
            .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"enabled\":true}"))
            .build());
    return get("/sandbox/api/buyers")
        .json()
        .valueStream()
        .filter(b -> b.get("logon_id").asString().equals(logonId))
        .findFirst()
        .orElseThrow();
  }

  private BigDecimal balanceOf(String logonId) {
    return new BigDecimal(
        get("/sandbox/api/buyers")
            .json()
            .valueStream()
            .filter(b -> b.get("logon_id").asString().equals(logonId))
            .findFirst()
            .orElseThrow()
            .get("balance")
            .asString());
  }

  @Test
  void aBuyerWithoutAPasswordWaitIsChargedAtOnce() {
    BigDecimal before = buyerBalance();
    Reply paid = charge("3.30", defaultBuyer().get("auth_code").asString());
    assertThat(paid.status()).as(paid.body()).isEqualTo(201);
    assertThat(paid.json().get("status").asString()).isEqualTo("PAID");
    assertThat(paid.json().get("product").asString()).isEqualTo("barcode");
    assertThat(paid.json().get("trade_no").asString()).isNotBlank();
    assertThat(before.subtract(buyerBalance())).isEqualByComparingTo("3.30");
  }

  @Test
  void aBuyerWhoConfirmsOnThePhoneIsWaitedForThenPaid() throws Exception {
    JsonNode buyer = carefulBuyer();
    String logonId = buyer.get("logon_id").asString();
    CompletableFuture<Reply> charging =
        CompletableFuture.supplyAsync(() -> charge("7.70", buyer.get("auth_code").asString()));
    // The charge waits (10003); meanwhile the buyer finds the order and enters the password.
    String outTradeNo = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
    while (outTradeNo == null && System.nanoTime() < deadline) {
      Thread.sleep(20);
      JsonNode page = api("GET", "/api/v1/payments?status=PENDING&limit=20", null).json();
      for (JsonNode p : page.get("data")) {
        if (p.get("product").asString().equals("barcode")
            && p.get("total_amount").asString().equals("7.70")) {
          outTradeNo = p.get("out_trade_no").asString();
        }
      }
    }
    assertThat(outTradeNo).as("the waiting payment").isNotNull();
    // The payment is in the books a moment before Alipay has the order: the buyer's phone shows
    // it once Alipay answered 10003.
    Map<String, String> password =
        Map.of(
            "app_id",
            appId(),
            "out_trade_no",
            outTradeNo,
            "buyer_logon_id",
            logonId,
            "pay_password",
            "135790");
    Reply entered = postJson("/sandbox/api/buyer/pay", password);
    while (entered.status() == 404 && System.nanoTime() < deadline) {
      Thread.sleep(20);
      entered = postJson("/sandbox/api/buyer/pay", password);
    }
    assertThat(entered.status()).as(entered.body()).isEqualTo(200);

    Reply paid = charging.get(20, TimeUnit.SECONDS);
    assertThat(paid.status()).isEqualTo(201);
    assertThat(paid.json().get("status").asString()).isEqualTo("PAID");
    assertThat(balanceOf(logonId)).isEqualByComparingTo("92.30");
  }

  @Test
  void aBuyerWhoNeverConfirmsIsCancelledAndNotCharged() {
    JsonNode buyer = carefulBuyer();
    Reply given = charge("5.50", buyer.get("auth_code").asString());
    assertThat(given.status()).as(given.body()).isEqualTo(201);
    assertThat(given.json().get("status").asString()).isEqualTo("CLOSED");
    String outTradeNo = given.json().get("out_trade_no").asString();
    // Cancelled at Alipay too: the password now pays nothing.
    Reply late =
        postJson(
            "/sandbox/api/buyer/pay",
            Map.of(
                "app_id",
                appId(),
                "out_trade_no",
                outTradeNo,
                "buyer_logon_id",
                buyer.get("logon_id").asString(),
                "pay_password",
                "135790"));
    assertThat(late.status()).isNotEqualTo(200);
    assertThat(balanceOf(buyer.get("logon_id").asString())).isEqualByComparingTo("100.00");
    assertThat(payment(outTradeNo).get("status").asString()).isEqualTo("CLOSED");
  }

  @Test
  void aCodeThatIsNotAPaymentCodeIsRefusedAndAnUnknownOneIsAlipaysRefusal() {
    Reply malformed = charge("1.00", "12345");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.json().get("field").asString()).isEqualTo("auth_code");
    Reply unknown = charge("1.00", "289999999999999999");
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.json().get("alipay_sub_code").asString())
        .isEqualTo("ACQ.PAYMENT_AUTH_CODE_INVALID");
    // Refused, it still names its payment: FAILED, nothing charged.
    assertThat(unknown.json().get("status").asString()).isEqualTo("FAILED");
    String outTradeNo = unknown.json().get("out_trade_no").asString();
    assertThat(payment(outTradeNo).get("status").asString()).isEqualTo("FAILED");
  }

  @Test
  void aBuyerWithoutEnoughMoneyIsRefusedAndThePaymentFailsWithNothingCharged() {
    String logonId = "poor-" + UUID.randomUUID() + "@sandbox.test";
    assertThat(
            postJson(
                    "/sandbox/api/buyers",
                    Map.of("logon_id", logonId, "pay_password", "135790", "balance", "1.00"))
                .status())
        .isEqualTo(201);
    JsonNode buyer =
        get("/sandbox/api/buyers")
            .json()
            .valueStream()
            .filter(b -> b.get("logon_id").asString().equals(logonId))
            .findFirst()
            .orElseThrow();
    Reply refused = charge("5.00", buyer.get("auth_code").asString());
    assertThat(refused.status()).as(refused.body()).isEqualTo(422);
    assertThat(refused.json().get("alipay_sub_code").asString())
        .isEqualTo("ACQ.BUYER_BALANCE_NOT_ENOUGH");
    assertThat(refused.json().get("status").asString()).isEqualTo("FAILED");
    String outTradeNo = refused.json().get("out_trade_no").asString();
    assertThat(payment(outTradeNo).get("status").asString()).isEqualTo("FAILED");
    assertThat(balanceOf(logonId)).isEqualByComparingTo("1.00");
  }
}
