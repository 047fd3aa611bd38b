package io.paygate.server.wechatpay;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.core.testkit.Receiver;
import io.paygate.server.recovery.HeldAnswersServerTest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The whole WeChat Pay flow through the server and the offline WeChat Pay, as a shop and a payer's
 * phone would drive it: the server's real {@code WechatPayChannel} (the official SDK) talks to the
 * embedded sandbox, whose notifications, encrypted and signed, reach {@code
 * /channels/wechatpay/notify}. Runs in the settable-clock server so the janitor can be run by hand.
 */
class WechatPayFlowTest extends HeldAnswersServerTest {

  private static String no() {
    return "WXF" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
  }

  /** The offline WeChat Pay's merchant the server is configured with (its default). */
  private JsonNode merchant() {
    return get("/sandbox/wechatpay/api/merchants").json().get(0);
  }

  /** A payer's openid at the merchant's appid. */
  private String openid() {
    JsonNode merchant = merchant();
    for (JsonNode payer : get("/sandbox/wechatpay/api/payers").json()) {
      if (payer.get("appid").asString().equals(merchant.get("appid").asString())
          && payer.get("mchid").asString().equals(merchant.get("mchid").asString())) {
        return payer.get("openid").asString();
      }
    }
    throw new AssertionError("no payer at the merchant's appid");
  }

  private long balance(String openid) {
    for (JsonNode payer : get("/sandbox/wechatpay/api/payers").json()) {
      if (payer.get("openid").asString().equals(openid)) {
        return payer.get("balance").asLong();
      }
    }
    throw new AssertionError("no payer " + openid);
  }

  private Reply create(Map<String, Object> body) {
    Reply created = api("POST", "/api/v1/payments", body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created;
  }

  private String nativePayment(String amount) {
    String no = no();
    createNative(no, amount);
    return no;
  }

  private Reply createNative(String no, String amount) {
    return create(wechatNativeOrder(no, amount));
  }

  /** The payer's phone pays the order at WeChat Pay; the sandbox then notifies the server. */
  private Reply payAtWechat(String outTradeNo, String openid, Map<String, String> payParams) {
    return wechatPays(merchant().get("mchid").asString(), openid, outTradeNo, payParams);
  }

  private String paidNative(String amount) {
    String no = nativePayment(amount);
    Reply paid = payAtWechat(no, openid(), null);
    assertThat(paid.status()).as(paid.body()).isEqualTo(200);
    assertThat(payment(no).get("status").asString()).isEqualTo("PAID");
    return no;
  }

  private JsonNode notifications(String outTradeNo) {
    return get("/sandbox/wechatpay/api/notifications?out_trade_no=" + outTradeNo).json();
  }

  private JsonNode refunds(String outTradeNo) {
    return api("GET", "/api/v1/payments/" + outTradeNo + "/refunds", null).json();
  }

  @Test
  void aNativePaymentIsPaidByScanningItsCodeAndBookedOnceFromTheNotification() {
    try (Receiver receiver = new Receiver()) {
      Reply endpoint =
          api(
              "POST",
              "/api/v1/webhook-endpoints",
              Map.of("url", receiver.url(), "events", List.of("payment.succeeded")));
      assertThat(endpoint.status()).as(endpoint.body()).isEqualTo(201);
      try {
        nativePaymentPaidAndTold(receiver);
      } finally {
        api("DELETE", "/api/v1/webhook-endpoints/" + endpoint.json().get("id").asString(), null);
      }
    }
  }

  private void nativePaymentPaidAndTold(Receiver receiver) {
    String no = no();
    Reply created = createNative(no, "12.34");
    JsonNode checkout = created.json().get("checkout");
    assertThat(checkout.get("kind").asString()).isEqualTo("qr");
    assertThat(checkout.get("code_url").asString()).startsWith("weixin://wxpay/bizpayurl?pr=");
    String openid = openid();
    long before = balance(openid);

    Reply paid = payAtWechat(no, openid, null);

    assertThat(paid.status()).as(paid.body()).isEqualTo(200);
    assertThat(before - balance(openid)).isEqualTo(1234);
    // The notification, encrypted and signed, was taken at the first attempt.
    JsonNode sent = notifications(no);
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).get("event_type").asString()).isEqualTo("TRANSACTION.SUCCESS");
    assertThat(sent.get(0).get("notify_url").asString())
        .isEqualTo(base() + "/channels/wechatpay/notify");
    assertThat(sent.get(0).get("delivered").asBoolean()).isTrue();
    assertThat(sent.get(0).get("attempts")).hasSize(1);
    JsonNode payment = payment(no);
    assertThat(payment.get("status").asString()).isEqualTo("PAID");
    assertThat(payment.get("channel").asString()).isEqualTo("wechatpay");
    assertThat(payment.get("total_amount").asString()).isEqualTo("12.34");
    // The same notification again (WeChat Pay's retry) changes nothing.
    postJson(
        "/sandbox/wechatpay/api/notifications/" + sent.get(0).get("id").asLong() + "/redeliver",
        Map.of());
    assertThat(eventsOldestFirst(no)).containsExactly("payment.succeeded");
    // The shop's webhook hears it as the API shows it, a WeChat Pay payment.
    JsonNode told = JSON.readTree(receiver.next(Duration.ofSeconds(10)).body());
    assertThat(told.get("type").asString()).isEqualTo("payment.succeeded");
    assertThat(told.get("data").get("object").get("out_trade_no").asString()).isEqualTo(no);
    assertThat(told.get("data").get("object").get("channel").asString()).isEqualTo("wechatpay");
  }

  @Test
  void aJsapiPaymentCarriesPayParamsSignedByTheMerchantThatThePayersClientAccepts()
      throws Exception {
    String openid = openid();
    String no = no();
    Reply created =
        create(
            Map.of(
                "channel", "wechatpay",
                "product", "jsapi",
                "openid", openid,
                "total_amount", "3.21",
                "subject", "JSAPI",
                "out_trade_no", no));
    JsonNode checkout = created.json().get("checkout");
    assertThat(checkout.get("kind").asString()).isEqualTo("jsapi");
    JsonNode params = checkout.get("pay_params");
    assertThat(params.get("appId").asString()).isEqualTo(merchant().get("appid").asString());
    assertThat(params.get("package").asString())
        .isEqualTo("prepay_id=" + checkout.get("prepay_id").asString());
    assertThat(params.get("signType").asString()).isEqualTo("RSA");
    // As WeChat's client checks it: SHA256withRSA over the four lines, the merchant's certificate.
    X509Certificate certificate =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(
                    new ByteArrayInputStream(
                        merchant()
                            .get("merchant_certificate")
                            .asString()
                            .getBytes(StandardCharsets.US_ASCII)));
    Signature verifier = Signature.getInstance("SHA256withRSA");
    verifier.initVerify(certificate.getPublicKey());
    verifier.update(
        (params.get("appId").asString()
                + "\n"
                + params.get("timeStamp").asString()
                + "\n"
                + params.get("nonceStr").asString()
                + "\n"
                + params.get("package").asString()
                + "\n")
            .getBytes(StandardCharsets.UTF_8));
    assertThat(verifier.verify(Base64.getDecoder().decode(params.get("paySign").asString())))
        .isTrue();
    Map<String, String> payParams = new LinkedHashMap<>();
    params.properties().forEach(e -> payParams.put(e.getKey(), e.getValue().asString()));

    // A tampered package is refused by the payer's client; the real one pays.
    Map<String, String> tampered = new LinkedHashMap<>(payParams);
    tampered.put("nonceStr", "x" + payParams.get("nonceStr"));
    assertThat(payAtWechat(no, openid, tampered).status()).isEqualTo(400);
    Reply paid = payAtWechat(no, openid, payParams);

    assertThat(paid.status()).as(paid.body()).isEqualTo(200);
    JsonNode payment = payment(no);
    assertThat(payment.get("status").asString()).isEqualTo("PAID");
    assertThat(payment.get("channel").asString()).isEqualTo("wechatpay");
    assertThat(eventsOldestFirst(no)).containsExactly("payment.succeeded");
  }

  @Test
  void aLostNotificationIsFoundByTheJanitorAndTheLateOneChangesNothing() {
    String no = nativePayment("7.00");
    fault("{\"notify\":[{\"kind\":\"drop\",\"count\":1}]}");
    assertThat(payAtWechat(no, openid(), null).status()).isEqualTo(200);
    JsonNode dropped = notifications(no).get(0);
    assertThat(dropped.get("dropped").asBoolean()).isTrue();
    assertThat(payment(no).get("status").asString()).isEqualTo("PENDING");

    // The first check, a minute after creation, asks WeChat Pay and finds it paid.
    clock.advance(Duration.ofSeconds(61));
    due.run();
    assertThat(payment(no).get("status").asString()).isEqualTo("PAID");
    assertThat(due.nextPaymentCheck(no)).isNull();

    // The notification found late (redelivered) is acknowledged and changes nothing.
    Reply late =
        postJson(
            "/sandbox/wechatpay/api/notifications/" + dropped.get("id").asLong() + "/redeliver",
            Map.of());
    assertThat(late.json().get("delivered").asBoolean()).as(late.body()).isTrue();
    assertThat(payment(no).get("status").asString()).isEqualTo("PAID");
    assertThat(eventsOldestFirst(no)).containsExactly("payment.succeeded");
  }

  @Test
  void partialThenFullRefundsAreConfirmedToTheFenAndBookedOnce() {
    String no = paidNative("10.00");
    String openid = openid();
    long before = balance(openid);

    Reply first = refundPayment(no, "3.33", "RFND01");
    assertThat(first.status()).as(first.body()).isIn(200, 201, 202);
    assertThat(refunds(no).get(0).get("status").asString()).isEqualTo("SUCCEEDED");
    JsonNode partly = payment(no);
    assertThat(partly.get("status").asString()).isEqualTo("PARTIALLY_REFUNDED");
    assertThat(partly.get("refunded_amount").asString()).isEqualTo("3.33");

    Reply rest = refundPayment(no, "6.67", "RFND02");
    assertThat(rest.status()).as(rest.body()).isIn(200, 201, 202);
    JsonNode refunded = payment(no);
    assertThat(refunded.get("status").asString()).isEqualTo("REFUNDED");
    assertThat(refunded.get("refunded_amount").asString()).isEqualTo("10.00");
    assertThat(balance(openid) - before).isEqualTo(1000);
    // WeChat Pay's refund notifications (both came, both were taken) booked nothing twice.
    List<String> refundNotes = new ArrayList<>();
    for (JsonNode n : notifications(no)) {
      if (n.get("event_type").asString().equals("REFUND.SUCCESS")) {
        assertThat(n.get("delivered").asBoolean()).isTrue();
        refundNotes.add(n.get("out_refund_no").asString());
      }
    }
    // On the wire each refund's number is the payment's and its own: another payment's RFND01
    // (as in the next test) is another refund at WeChat Pay.
    assertThat(refundNotes).containsExactlyInAnyOrder(no + "@RFND01", no + "@RFND02");
    JsonNode listed = refunds(no);
    assertThat(listed).hasSize(2);
    for (JsonNode r : listed) {
      assertThat(r.get("status").asString()).isEqualTo("SUCCEEDED");
      assertThat(r.get("origin").asString()).isEqualTo("PAYGATE");
    }
    assertThat(eventsOldestFirst(no))
        .containsExactlyInAnyOrder(
            "payment.succeeded", "refund.succeeded", "refund.succeeded", "payment.refunded");
    // Nothing is left to refund: refused before any call.
    assertThat(refundPayment(no, "0.01", "RFND03").status()).isEqualTo(409);
  }

  @Test
  void aRefundLostOnTheWayIsAskedAboutAndSentAgainByTheJanitorUnderItsNumber() {
    String no = paidNative("5.00");
    fault(
        "{\"gateway\":[{\"kind\":\"lost\",\"methods\":[\"wechatpay.refunds.create\"],"
            + "\"hold_seconds\":1,\"count\":1}]}");
    Reply unknown = refundPayment(no, "2.00", "RFND01");
    assertThat(unknown.status()).as(unknown.body()).isEqualTo(202);
    assertThat(unknown.json().get("status").asString()).isEqualTo("PENDING");
    clearSandboxFaults();

    // The refund query finds no such refund at WeChat Pay: the same refund is sent again.
    clock.advance(Duration.ofMinutes(2));
    due.run();

    JsonNode refund = refunds(no).get(0);
    assertThat(refund.get("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(refund.get("refund_amount").asString()).isEqualTo("2.00");
    JsonNode payment = payment(no);
    assertThat(payment.get("refunded_amount").asString()).isEqualTo("2.00");
    assertThat(payment.get("status").asString()).isEqualTo("PARTIALLY_REFUNDED");
  }

  @Test
  void aRefundMadeInWechatPaysMerchantPlatformIsBookedOnceFromItsNotification() {
    String no = paidNative("8.00");
    JsonNode merchant = merchant();

    Reply outside =
        postJson(
            "/sandbox/wechatpay/api/refunds",
            Map.of(
                "mchid",
                merchant.get("mchid").asString(),
                "out_trade_no",
                no,
                "refund",
                250,
                "notify_url",
                base() + "/channels/wechatpay/notify",
                "out_refund_no",
                "CONSOLE-" + no));
    assertThat(outside.status()).as(outside.body()).isEqualTo(201);

    JsonNode listed = refunds(no);
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).get("out_request_no").asString()).isEqualTo("CONSOLE-" + no);
    assertThat(listed.get(0).get("refund_amount").asString()).isEqualTo("2.50");
    assertThat(listed.get(0).get("origin").asString()).isEqualTo("WECHATPAY");
    assertThat(payment(no).get("refunded_amount").asString()).isEqualTo("2.50");

    // WeChat Pay sends it again: still one refund.
    JsonNode note =
        notifications(no).get(notifications(no).size() - 1); // the newest is the refund's
    for (JsonNode n : notifications(no)) {
      if (n.get("event_type").asString().equals("REFUND.SUCCESS")) {
        note = n;
      }
    }
    postJson(
        "/sandbox/wechatpay/api/notifications/" + note.get("id").asLong() + "/redeliver", Map.of());
    assertThat(refunds(no)).hasSize(1);
    JsonNode payment = payment(no);
    assertThat(payment.get("refunded_amount").asString()).isEqualTo("2.50");
    assertThat(payment.get("status").asString()).isEqualTo("PARTIALLY_REFUNDED");
  }

  @Test
  void aPaymentClosedByTheApiOrByItsExpiryCannotBePaidAtWechatPayAfterwards() {
    String openid = openid();
    long before = balance(openid);
    String closedByApi = nativePayment("4.00");
    Reply closed = api("POST", "/api/v1/payments/" + closedByApi + "/close", null);
    assertThat(closed.status()).as(closed.body()).isEqualTo(200);
    assertThat(closed.json().get("status").asString()).isEqualTo("CLOSED");
    // PayGate's close reached WeChat Pay: the payer's phone is told the order is closed.
    Reply refused = payAtWechat(closedByApi, openid, null);
    assertThat(refused.status()).as(refused.body()).isEqualTo(409);
    assertThat(refused.json().get("code").asString()).isEqualTo("ORDER_CLOSED");

    String expired = nativePayment("5.00");
    clock.advance(Duration.ofHours(3));
    due.run();
    assertThat(payment(expired).get("status").asString()).isEqualTo("CLOSED");
    assertThat(payAtWechat(expired, openid, null).status()).isEqualTo(409);

    assertThat(balance(openid)).isEqualTo(before);
    assertThat(eventsOldestFirst(closedByApi)).containsExactly("payment.closed");
    assertThat(eventsOldestFirst(expired)).containsExactly("payment.closed");
  }

  @Autowired io.paygate.core.payments.PaymentService payments;

  @Test
  void moneyWechatPayTakesForAPaymentClosedHereIsGivenBackAtWechatPayOnce() {
    // WeChat Pay's close is final, so PayGate closes a WeChat Pay payment only once WeChat Pay
    // has; the protocol still warns that a 204 proves little. Here the order stays payable at
    // WeChat Pay while PayGate holds the payment closed (closed in our books alone).
    String openid = openid();
    long before = balance(openid);
    String no = nativePayment("6.00");
    assertThat(payments.closeHere(no)).isTrue();

    assertThat(payAtWechat(no, openid, null).status()).isEqualTo(200);
    JsonNode paid = payment(no);
    assertThat(paid.get("status").asString()).isEqualTo("PAID");
    assertThat(paid.get("attention").asString()).isEqualTo("PAID_AFTER_CLOSE");

    due.run();
    due.run();

    JsonNode refunded = payment(no);
    assertThat(refunded.get("status").asString()).isEqualTo("REFUNDED");
    assertThat(refunded.get("refunded_amount").asString()).isEqualTo("6.00");
    JsonNode listed = refunds(no);
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).get("out_request_no").asString()).isEqualTo("PAID_AFTER_CLOSE");
    // Given back at WeChat Pay, once: one refund there, the payer's wallet whole again.
    long refundsThere = 0;
    for (JsonNode n : notifications(no)) {
      if (n.get("event_type").asString().equals("REFUND.SUCCESS")) {
        refundsThere++;
      }
    }
    assertThat(refundsThere).isEqualTo(1);
    assertThat(balance(openid)).isEqualTo(before);
    assertThat(eventsOldestFirst(no))
        .doesNotContain("payment.succeeded")
        .containsOnlyOnce("refund.succeeded", "payment.refunded");
  }
}
