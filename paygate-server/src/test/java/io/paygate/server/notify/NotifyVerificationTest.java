package io.paygate.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.alipay.api.internal.util.AlipaySignature;
import io.paygate.server.ServerTestSupport;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Notifications as a real Alipay app sees them: the server is configured with its own app and an
 * "Alipay" key pair whose private half only this test holds, so it can sign notifications the way
 * Alipay does, and forge, tamper and re-encode them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class NotifyVerificationTest extends ServerTestSupport {

  private static final String APP_ID = "2021000000000042";
  private static final String SELLER_ID = "2088000000000042";
  private static final KeyPair ALIPAY = rsa();
  private static final KeyPair MERCHANT = rsa();
  private static final KeyPair FORGER = rsa();

  @Autowired JdbcClient jdbc;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    serverProperties(registry, "notify");
    registry.add("paygate.sandbox.enabled", () -> "true");
    registry.add("paygate.alipay.app-id", () -> APP_ID);
    registry.add("paygate.alipay.seller-id", () -> SELLER_ID);
    registry.add("paygate.alipay.private-key", () -> privateKey(MERCHANT));
    registry.add("paygate.alipay.app-public-key", () -> publicKey(MERCHANT));
    registry.add("paygate.alipay.alipay-public-key", () -> publicKey(ALIPAY));
    // Never called here: notifications need no outbound call.
    registry.add("paygate.alipay.gateway", () -> "http://localhost:9/sandbox/gateway.do");
  }

  @Test
  void theChannelsRouteTakesAlipaysNotificationsAsTheAliasDoesAndNoOtherChannelIsServed() {
    String outTradeNo = createPayment("21.00", "page");
    Map<String, String> notify =
        signed(tradeNotify(outTradeNo, "21.00", "TRADE_SUCCESS"), ALIPAY, StandardCharsets.UTF_8);

    Reply unknownChannel = postForm("/channels/nowhere/notify", notify);
    assertThat(unknownChannel.status()).isEqualTo(404);
    assertThat(unknownChannel.json().get("code").asString()).isEqualTo("CHANNEL_NOT_FOUND");
    assertThat(payment(outTradeNo).get("status").asString()).isEqualTo("PENDING");

    Reply first = postForm("/channels/alipay/notify", notify);
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.body()).isEqualTo("success");
    assertThat(payment(outTradeNo).get("status").asString()).isEqualTo("PAID");
    // The alias and the channel's route are one: the same notification again changes nothing.
    assertThat(postForm("/alipay/notify", notify).body()).isEqualTo("success");
    Reply forged = postForm("/channels/alipay/notify", Map.of("out_trade_no", outTradeNo));
    assertThat(forged.status()).isEqualTo(400);
    assertThat(forged.body()).isEqualTo("failure");
  }

  @Test
  void aGenuineNotifyMarksThePaymentPaidOnceAndDuplicatesChangeNothing() {
    String outTradeNo = createPayment("20.00", "page");
    Map<String, String> notify = tradeNotify(outTradeNo, "20.00", "TRADE_SUCCESS");

    Reply first = postForm("/alipay/notify", signed(notify, ALIPAY, StandardCharsets.UTF_8));
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.body()).isEqualTo("success");
    JsonNode paid = payment(outTradeNo);
    assertThat(paid.get("status").asString()).isEqualTo("PAID");
    assertThat(paid.get("trade_no").asString()).isEqualTo(notify.get("trade_no"));
    assertThat(paid.get("buyer_logon_id").asString()).isEqualTo("159****5620");

    Reply duplicate = postForm("/alipay/notify", signed(notify, ALIPAY, StandardCharsets.UTF_8));
    assertThat(duplicate.body()).isEqualTo("success");
    Reply finished =
        postForm(
            "/alipay/notify",
            signed(tradeNotify(outTradeNo, "20.00", "TRADE_FINISHED"), ALIPAY, UTF8));
    assertThat(finished.body()).isEqualTo("success");

    JsonNode after = payment(outTradeNo);
    assertThat(after.get("status").asString()).isEqualTo("PAID");
    assertThat(after.get("paid_at").asString()).isEqualTo(paid.get("paid_at").asString());
  }

  @Test
  void aForgedNotifyChangesNothing() {
    String outTradeNo = createPayment("20.00", "page");
    Reply forged =
        postForm(
            "/alipay/notify",
            signed(tradeNotify(outTradeNo, "20.00", "TRADE_SUCCESS"), FORGER, UTF8));
    assertThat(forged.status()).isEqualTo(400);
    assertThat(forged.body()).isEqualTo("failure");
    assertThat(payment(outTradeNo).get("status").asString()).isEqualTo("PENDING");
  }

  @Test
  void aTamperedNotifyChangesNothing() {
    String outTradeNo = createPayment("20.00", "page");
    Map<String, String> signed =
        signed(tradeNotify(outTradeNo, "0.01", "TRADE_SUCCESS"), ALIPAY, UTF8);
    signed.put("total_amount", "20.00");
    Reply tampered = postForm("/alipay/notify", signed);
    assertThat(tampered.body()).isEqualTo("failure");
    assertThat(payment(outTradeNo).get("status").asString()).isEqualTo("PENDING");
  }

  @Test
  void aGenuineNotifyThatDoesNotMatchThePaymentChangesNothing() {
    String outTradeNo = createPayment("20.00", "page");
    Reply wrongAmount =
        postForm(
            "/alipay/notify",
            signed(tradeNotify(outTradeNo, "0.01", "TRADE_SUCCESS"), ALIPAY, UTF8));
    assertThat(wrongAmount.body()).isEqualTo("failure");

    Map<String, String> otherApp = tradeNotify(outTradeNo, "20.00", "TRADE_SUCCESS");
    otherApp.put("app_id", "2021000000009999");
    assertThat(postForm("/alipay/notify", signed(otherApp, ALIPAY, UTF8)).body())
        .isEqualTo("failure");

    Map<String, String> otherSeller = tradeNotify(outTradeNo, "20.00", "TRADE_SUCCESS");
    otherSeller.put("seller_id", "2088000000009999");
    assertThat(postForm("/alipay/notify", signed(otherSeller, ALIPAY, UTF8)).body())
        .isEqualTo("failure");

    Map<String, String> unknown = tradeNotify("P_NOT_OURS", "20.00", "TRADE_SUCCESS");
    assertThat(postForm("/alipay/notify", signed(unknown, ALIPAY, UTF8)).body())
        .isEqualTo("failure");

    assertThat(payment(outTradeNo).get("status").asString()).isEqualTo("PENDING");
  }

  @Test
  void aGbkNotifyVerifies() {
    String outTradeNo = createPayment("20.00", "page");
    Charset gbk = Charset.forName("GBK");
    Map<String, String> notify = tradeNotify(outTradeNo, "20.00", "TRADE_SUCCESS");
    notify.put("charset", "gbk");
    notify.put("subject", "测试商品 中文");
    Reply reply = postForm("/alipay/notify", signed(notify, ALIPAY, gbk), gbk);
    assertThat(reply.body()).isEqualTo("success");
    assertThat(payment(outTradeNo).get("status").asString()).isEqualTo("PAID");
  }

  @Test
  void garbageIsAnsweredFailureNeverAServerError() {
    Reply empty = postForm("/alipay/notify", Map.of());
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.body()).isEqualTo("failure");
    Reply junk = postForm("/alipay/notify", Map.of("sign", "%%%", "out_trade_no", "x"));
    assertThat(junk.status()).isEqualTo(400);
  }

  @Test
  void aClosedNotifyClosesAnUnpaidPaymentButNeverAPaidOne() {
    String unpaid = createPayment("20.00", "wap");
    Map<String, String> closed = tradeNotify(unpaid, "20.00", "TRADE_CLOSED");
    closed.remove("gmt_payment");
    assertThat(postForm("/alipay/notify", signed(closed, ALIPAY, UTF8)).body())
        .isEqualTo("success");
    assertThat(payment(unpaid).get("status").asString()).isEqualTo("CLOSED");

    // Out of order: the payment's success arrives after its (earlier) close. The money is real.
    assertThat(
            postForm(
                    "/alipay/notify",
                    signed(tradeNotify(unpaid, "20.00", "TRADE_SUCCESS"), ALIPAY, UTF8))
                .body())
        .isEqualTo("success");
    JsonNode paid = payment(unpaid);
    assertThat(paid.get("status").asString()).isEqualTo("PAID");
    // The shop was told it closed: the money is booked and flagged (and refunded by the janitor).
    assertThat(paid.get("attention").asString()).isEqualTo("PAID_AFTER_CLOSE");
    JsonNode refunds = api("GET", "/api/v1/payments/" + unpaid + "/refunds", null).json();
    assertThat(refunds.size()).isEqualTo(1);
    assertThat(refunds.get(0).get("out_request_no").asString()).isEqualTo("PAID_AFTER_CLOSE");
    assertThat(refunds.get(0).get("refund_amount").asString()).isEqualTo("20.00");
    assertThat(refunds.get(0).get("status").asString()).isEqualTo("PENDING");
  }

  @Test
  void aBuyerKnownOnlyByOpenIdIsBooked() {
    // OpenID-mode apps get buyer_open_id (String(128)) instead of the 16-digit buyer_id.
    String outTradeNo = createPayment("20.00", "page");
    Map<String, String> notify = tradeNotify(outTradeNo, "20.00", "TRADE_SUCCESS");
    notify.remove("buyer_id");
    notify.put("buyer_open_id", "074a1CcTG1LelxKe4xQC0zgNdId0nxi95b5lsNpazWYoCo");
    Reply reply = postForm("/alipay/notify", signed(notify, ALIPAY, UTF8));
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body()).isEqualTo("success");
    assertThat(payment(outTradeNo).get("status").asString()).isEqualTo("PAID");
    assertThat(
            jdbc.sql("SELECT buyer_id FROM payments WHERE out_trade_no = ?")
                .param(outTradeNo)
                .query(String.class)
                .single())
        .isEqualTo("074a1CcTG1LelxKe4xQC0zgNdId0nxi95b5lsNpazWYoCo");
  }

  @Test
  void aRefundMadeOutsidePayGateWhoseAmountCannotBeAskedForIsLeftForAlipayToDeliverAgain() {
    // Here "Alipay" cannot be reached: the refund's own amount cannot be asked for by its number,
    // and the cumulative refund_fee alone may hold other refunds. Nothing is guessed.
    String outTradeNo = createPayment("20.00", "page");
    assertThat(
            postForm(
                    "/alipay/notify",
                    signed(tradeNotify(outTradeNo, "20.00", "TRADE_SUCCESS"), ALIPAY, UTF8))
                .body())
        .isEqualTo("success");

    Map<String, String> partial = tradeNotify(outTradeNo, "20.00", "TRADE_SUCCESS");
    partial.put("refund_fee", "5.00");
    partial.put("out_biz_no", "HZ01RF001");
    partial.put("gmt_refund", "2026-11-26 11:00:00.123");
    assertThat(postForm("/alipay/notify", signed(partial, ALIPAY, UTF8)).body())
        .isEqualTo("failure");
    JsonNode payment = payment(outTradeNo);
    assertThat(payment.get("status").asString()).isEqualTo("PAID");
    assertThat(payment.get("refunded_amount").asString()).isEqualTo("0.00");

    // A full refund of a payment whose paid notify was lost: never taken for a close.
    String lost = createPayment("20.00", "wap");
    Map<String, String> closed = tradeNotify(lost, "20.00", "TRADE_CLOSED");
    closed.put("refund_fee", "20.00");
    closed.put("out_biz_no", "HZ01RF003");
    closed.put("gmt_refund", "2026-11-26 12:00:00.456");
    closed.put("gmt_close", "2026-11-26 12:00:00");
    assertThat(postForm("/alipay/notify", signed(closed, ALIPAY, UTF8)).body())
        .isEqualTo("failure");
    assertThat(payment(lost).get("status").asString()).isEqualTo("PENDING");
  }

  @Test
  void aNotifyWithAnotherAmountFlagsThePaymentAndBooksNothing() {
    String outTradeNo = createPayment("20.00", "page");
    assertThat(
            postForm(
                    "/alipay/notify",
                    signed(tradeNotify(outTradeNo, "2.00", "TRADE_SUCCESS"), ALIPAY, UTF8))
                .body())
        .isEqualTo("failure");
    JsonNode payment = payment(outTradeNo);
    assertThat(payment.get("status").asString()).isEqualTo("PENDING");
    assertThat(payment.get("attention").asString()).isEqualTo("AMOUNT_MISMATCH");
  }

  @Test
  void aNotifyThatDoesNotVerifyIsKeptApartFromThePaymentsHistory() {
    String outTradeNo = createPayment("20.00", "page");
    postForm(
        "/alipay/notify", signed(tradeNotify(outTradeNo, "20.00", "TRADE_SUCCESS"), FORGER, UTF8));
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM exchanges WHERE out_trade_no = ?")
                .param(outTradeNo)
                .query(Integer.class)
                .single())
        .isZero();
    assertThat(
            jdbc.sql(
                    "SELECT COUNT(*) FROM exchanges WHERE operation = 'notify-unverified'"
                        + " AND request_text LIKE ?")
                .param("%out_trade_no=" + outTradeNo + "%")
                .query(Integer.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void anOversizedNotifyIsRefusedWith413() {
    String big = "x".repeat(70 * 1024);
    Reply reply = postForm("/alipay/notify", Map.of("out_trade_no", "P1", "body", big));
    assertThat(reply.status()).isEqualTo(413);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    assertThat(reply.json().get("code").asString()).isEqualTo("NOTIFY_TOO_LARGE");
  }

  private static final Charset UTF8 = StandardCharsets.UTF_8;

  private static Map<String, String> tradeNotify(String outTradeNo, String amount, String status) {
    Map<String, String> notify = new LinkedHashMap<>();
    notify.put("notify_time", "2026-11-26 10:00:00");
    notify.put("notify_type", "trade_status_sync");
    notify.put("notify_id", "2026112600222100000000000000000001");
    notify.put("app_id", APP_ID);
    notify.put("auth_app_id", APP_ID);
    notify.put("charset", "utf-8");
    notify.put("version", "1.0");
    notify.put("trade_no", "2026112622" + String.format("%018d", Math.abs(outTradeNo.hashCode())));
    notify.put("out_trade_no", outTradeNo);
    notify.put("buyer_id", "2088000000000777");
    notify.put("buyer_logon_id", "159****5620");
    notify.put("seller_id", SELLER_ID);
    notify.put("trade_status", status);
    notify.put("total_amount", amount);
    notify.put("receipt_amount", amount);
    notify.put("subject", "测试商品");
    notify.put("gmt_create", "2026-11-26 09:59:00");
    notify.put("gmt_payment", "2026-11-26 09:59:30");
    return notify;
  }

  /** Signs as Alipay does: every parameter but sign and sign_type, in the notify's charset. */
  private static Map<String, String> signed(
      Map<String, String> notify, KeyPair signer, Charset charset) {
    Map<String, String> params = new HashMap<>(notify);
    try {
      String content = AlipaySignature.getSignCheckContentV1(params);
      String sign = AlipaySignature.rsaSign(content, privateKey(signer), charset.name(), "RSA2");
      params.put("sign", sign);
      params.put("sign_type", "RSA2");
      return params;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair rsa() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String privateKey(KeyPair pair) {
    return Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
  }

  private static String publicKey(KeyPair pair) {
    return Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
  }
}
