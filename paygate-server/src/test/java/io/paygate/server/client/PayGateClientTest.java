package io.paygate.server.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paygate.client.Models.ApiKey;
import io.paygate.client.Models.Checkout;
import io.paygate.client.Models.Event;
import io.paygate.client.Models.NewPayment;
import io.paygate.client.Models.NewRefund;
import io.paygate.client.Models.Page;
import io.paygate.client.Models.Payment;
import io.paygate.client.Models.Refund;
import io.paygate.client.Models.WebhookEndpoint;
import io.paygate.client.PayGateClient;
import io.paygate.client.PayGateException;
import io.paygate.client.WebhookVerifier;
import io.paygate.core.testkit.Receiver;
import io.paygate.server.SharedServerTest;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The shops' Java client ({@code paygate-client}) against the real server and its sandbox. */
class PayGateClientTest extends SharedServerTest {

  private PayGateClient client() {
    return PayGateClient.create(URI.create(base()), API_KEY);
  }

  @Test
  void aShopCreatesPaysListsAndRefundsThroughTheClient() {
    PayGateClient paygate = client();
    Payment created = paygate.createPayment(NewPayment.of("12.30", "一本书 A book"));
    // From this payment on: the shared server holds other tests' payments and refunds before it.
    // The create's answer carries the clock's full precision; the database keeps less.
    Instant from = created.createdAt().truncatedTo(ChronoUnit.MILLIS);
    assertThat(created.status()).isEqualTo("PENDING");
    assertThat(created.totalAmount()).isEqualByComparingTo("12.30");
    assertThat(created.payUrl()).endsWith("/pay/" + created.outTradeNo());

    openCashier(created.outTradeNo());
    assertThat(payAsBuyer(created.outTradeNo()).status()).isEqualTo(200);
    Payment paid = paygate.payment(created.outTradeNo());
    assertThat(paid.status()).isEqualTo("PAID");
    assertThat(paygate.paymentByTradeNo(paid.tradeNo()).outTradeNo()).isEqualTo(paid.outTradeNo());

    String number = UUID.randomUUID().toString().replace("-", "");
    Refund refund =
        paygate.createRefund(
            paid.outTradeNo(), new NewRefund(new BigDecimal("2.30"), "退货 Returned", number));
    Payment counter =
        paygate.createPayment(
            NewPayment.barcode("1.10", "收银台 Counter", defaultBuyer().get("auth_code").asString()));
    assertThat(counter.status()).isEqualTo("PAID");
    assertThat(refund.status()).isEqualTo("SUCCEEDED");
    assertThat(refund.outRequestNo()).isEqualTo(number);
    assertThat(paygate.refunds(paid.outTradeNo())).hasSize(1);
    assertThat(paygate.refund(paid.outTradeNo(), number).refundAmount())
        .isEqualByComparingTo("2.30");
    assertThat(paygate.payment(paid.outTradeNo()).refundedAmount()).isEqualByComparingTo("2.30");

    Page<Payment> page = paygate.payments("PARTIALLY_REFUNDED", from, null, 10, null);
    assertThat(page.data()).extracting(Payment::outTradeNo).containsExactly(paid.outTradeNo());
    assertThat(page.hasMore()).isFalse();
    Page<Refund> refunds = paygate.allRefunds(null, from, null, 10, null);
    assertThat(refunds.data()).extracting(Refund::outRequestNo).containsExactly(number);
  }

  @Test
  void aRetriedCreateWithItsKeyIsOnePaymentAndRefusalsAreTyped() {
    PayGateClient paygate = client();
    String key = UUID.randomUUID().toString();
    NewPayment order = NewPayment.of("3.00", "retry " + key);
    Payment first = paygate.createPayment(order, key);
    Payment again = paygate.createPayment(order, key);
    assertThat(again.outTradeNo()).isEqualTo(first.outTradeNo());

    assertThatThrownBy(() -> paygate.createPayment(NewPayment.of("3.001", "bad amount")))
        .isInstanceOfSatisfying(
            PayGateException.InvalidRequest.class,
            e -> {
              assertThat(e.code()).isEqualTo("VALIDATION_FAILED");
              assertThat(e.field()).isEqualTo("total_amount");
            });
    assertThatThrownBy(() -> paygate.payment("NO_SUCH_PAYMENT"))
        .isInstanceOfSatisfying(
            PayGateException.NotFound.class,
            e -> assertThat(e.code()).isEqualTo("PAYMENT_NOT_FOUND"));
    assertThatThrownBy(() -> paygate.createPayment(NewPayment.of("4.00", "other body"), key))
        .isInstanceOfSatisfying(
            PayGateException.Unprocessable.class,
            e -> assertThat(e.code()).isEqualTo("IDEMPOTENCY_KEY_REUSED"));
    assertThatThrownBy(() -> PayGateClient.create(URI.create(base()), "pgk_wrong").payment("X"))
        .isInstanceOf(PayGateException.Unauthorized.class);
  }

  @Test
  void aQrPaymentHasItsCodeAndIsCancelledThroughTheClient() {
    PayGateClient paygate = client();
    Payment qr = paygate.createPayment(NewPayment.qr("2.50", "扫码 QR"));
    assertThat(qr.product()).isEqualTo("qr");
    assertThat(qr.qrCode()).isNotBlank();
    io.paygate.client.Models.Cancellation cancelled = paygate.cancelPayment(qr.outTradeNo());
    assertThat(cancelled.action()).isEqualTo("close");
    assertThat(cancelled.payment().status()).isEqualTo("CLOSED");
    assertThatThrownBy(
            () ->
                paygate.cancelPayment(
                    paygate.createPayment(NewPayment.of("1.00", "page")).outTradeNo()))
        .isInstanceOfSatisfying(
            PayGateException.Conflict.class,
            e -> assertThat(e.code()).isEqualTo("PAYMENT_NOT_CANCELLABLE"));
  }

  @Test
  void eachProductsCheckoutReadsAsItsKindThroughTheClient() {
    PayGateClient paygate = client();
    Payment page = paygate.createPayment(NewPayment.of("1.20", "网页 Page"));
    assertThat(page.checkout()).isEqualTo(new Checkout.Form(page.payUrl()));
    Payment wap = paygate.createPayment(NewPayment.of("1.20", "手机 Wap").withProduct("wap"));
    assertThat(wap.checkout()).isEqualTo(new Checkout.Form(wap.payUrl()));
    Payment qr = paygate.createPayment(NewPayment.qr("1.20", "扫码 QR"));
    assertThat(qr.checkout()).isEqualTo(new Checkout.Qr(qr.qrCode()));
    Payment any = paygate.createPayment(NewPayment.any("1.20", "任意 Any"));
    assertThat(any.checkout()).isEqualTo(new Checkout.Redirect(any.payUrl()));
    assertThat(any.payUrl()).endsWith("/checkout/" + any.outTradeNo());
    Payment app = paygate.createPayment(NewPayment.app("1.20", "应用 App"));
    assertThat(app.checkout())
        .isInstanceOfSatisfying(
            Checkout.App.class,
            given -> assertThat(given.orderString()).contains(app.outTradeNo()));

    String authCode =
        postJson(
                "/sandbox/api/oauth/codes",
                Map.of(
                    "app_id", appId(), "buyer_logon_id", defaultBuyer().get("logon_id").asString()))
            .json()
            .get("auth_code")
            .asString();
    String buyerId =
        api("POST", "/api/v1/buyer-identities", Map.of("auth_code", authCode))
            .json()
            .get("buyer_id")
            .asString();
    Payment jsapi = paygate.createPayment(NewPayment.jsapi("1.20", "小程序 JSAPI", buyerId));
    assertThat(jsapi.checkout())
        .isInstanceOfSatisfying(
            Checkout.Jsapi.class, given -> assertThat(given.tradeNo()).startsWith("20"));
    assertThat(paygate.payment(jsapi.outTradeNo()).checkout()).isNull();

    Payment counter =
        paygate.createPayment(
            NewPayment.barcode("1.20", "收银台 Counter", defaultBuyer().get("auth_code").asString()));
    assertThat(counter.checkout()).isNull();
  }

  @Test
  void keysWithScopesAreMadeAndRevokedThroughTheClient() {
    PayGateClient admin = client();
    ApiKey reader = admin.createApiKey("reporting", "read");
    assertThat(reader.key()).startsWith("pgk_");
    PayGateClient reporting = PayGateClient.create(URI.create(base()), reader.key());
    assertThat(reporting.payments(null, null, null, 1, null).data()).hasSizeLessThanOrEqualTo(1);
    assertThatThrownBy(() -> reporting.createPayment(NewPayment.of("1.00", "not allowed")))
        .isInstanceOfSatisfying(
            PayGateException.Forbidden.class,
            e -> assertThat(e.code()).isEqualTo("SCOPE_REQUIRED"));
    assertThat(admin.apiKeys()).extracting(ApiKey::id).contains(reader.id());
    admin.revokeApiKey(reader.id());
    assertThatThrownBy(() -> reporting.payments(null, null, null, 1, null))
        .isInstanceOf(PayGateException.Unauthorized.class);
  }

  @Test
  void aReceiverVerifiesTheWebhookWithTheClientsVerifier() throws Exception {
    Receiver receiver = new Receiver();
    PayGateClient paygate = client();
    WebhookEndpoint endpoint =
        paygate.createWebhookEndpoint(receiver.url(), List.of("payment.succeeded"));
    try {
      String outTradeNo = paidPayment("7.77");
      Receiver.Received hook = receiver.next(Duration.ofSeconds(10));
      Event event =
          WebhookVerifier.verify(hook.body(), hook.signature(), List.of(endpoint.secret()));
      assertThat(event.type()).isEqualTo("payment.succeeded");
      Payment payment = event.object(Payment.class);
      assertThat(payment.outTradeNo()).isEqualTo(outTradeNo);
      assertThat(payment.app()).isEqualTo("default");
      assertThat(payment.totalAmount()).isEqualByComparingTo("7.77");
      assertThatThrownBy(
              () ->
                  WebhookVerifier.verify(
                      hook.body() + " ", hook.signature(), List.of(endpoint.secret())))
          .isInstanceOf(WebhookVerifier.InvalidSignature.class);

      assertThat(paygate.events(outTradeNo, null, 10, null).data())
          .extracting(Event::id)
          .contains(event.id());
      assertThat(paygate.webhookEndpoints())
          .extracting(WebhookEndpoint::id)
          .contains(endpoint.id());
      assertThat(paygate.webhookEndpoint(endpoint.id()).secret()).isNull();
      WebhookEndpoint rotated = paygate.rotateWebhookSecret(endpoint.id());
      assertThat(rotated.secret()).isNotEqualTo(endpoint.secret());
      // The first attempt is recorded a moment after the receiver has it.
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (paygate.event(event.id()).deliveries().get(0).attemptLog().isEmpty()
          && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      Event redelivered = paygate.redeliverEvent(event.id());
      assertThat(redelivered.deliveries().get(0).attemptLog()).hasSize(2);
      Receiver.Received again = receiver.next(Duration.ofSeconds(10));
      // Either secret verifies it during the rotation.
      assertThat(
              WebhookVerifier.verify(again.body(), again.signature(), List.of(endpoint.secret()))
                  .id())
          .isEqualTo(event.id());
      assertThat(
              WebhookVerifier.verify(again.body(), again.signature(), List.of(rotated.secret()))
                  .id())
          .isEqualTo(event.id());
    } finally {
      paygate.deleteWebhookEndpoint(endpoint.id());
      receiver.close();
    }
  }

  @Test
  void wechatPaysCheckoutsAndChannelsReadThroughTheClient() {
    PayGateClient paygate = client();
    Instant from = Instant.now().minus(1, ChronoUnit.MINUTES);
    Payment scan = paygate.createPayment(NewPayment.wechat("1.30", "微信扫码 Native", "native"));
    assertThat(scan.channel()).isEqualTo("wechatpay");
    assertThat(scan.checkout())
        .isInstanceOfSatisfying(
            Checkout.Qr.class,
            qr -> {
              assertThat(qr.codeUrl()).startsWith("weixin://");
              assertThat(qr.code()).isEqualTo(qr.codeUrl());
            });
    Payment app = paygate.createPayment(NewPayment.wechat("1.30", "微信应用 App", "app"));
    assertThat(app.checkout())
        .isInstanceOfSatisfying(
            Checkout.App.class,
            given -> {
              assertThat(given.prepayId()).isNotBlank();
              assertThat(given.payParams()).containsEntry("prepayid", given.prepayId());
            });
    Payment alipay = paygate.createPayment(NewPayment.of("1.30", "支付宝 Alipay"));
    assertThat(alipay.channel()).isEqualTo("alipay");

    List<String> wechats =
        paygate.payments("wechatpay", null, from, null, 100, null).data().stream()
            .map(Payment::outTradeNo)
            .toList();
    assertThat(wechats).contains(scan.outTradeNo(), app.outTradeNo());
    assertThat(wechats).doesNotContain(alipay.outTradeNo());
  }
}
