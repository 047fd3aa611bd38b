package io.paygate.server.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.server.SharedServerTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** {@code Idempotency-Key} over real HTTP: replay, reuse, concurrency, and what is not kept. */
class IdempotencyTest extends SharedServerTest {

  @Autowired JdbcClient jdbc;

  private Reply post(String path, String key, String body) {
    return send(
        HttpRequest.newBuilder(URI.create(base() + path))
            .header("Authorization", "Bearer " + API_KEY)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", key)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  private int paymentsWithSubject(String subject) {
    return jdbc.sql("SELECT COUNT(*) FROM payments WHERE subject = ?")
        .param(subject)
        .query(Integer.class)
        .single();
  }

  private static String order(String subject, String amount) {
    return "{\"total_amount\":\""
        + amount
        + "\",\"subject\":\""
        + subject
        + "\",\"product\":\"page\"}";
  }

  @Test
  void aRetryWithTheSameKeyGetsTheFirstAnswerAndCreatesNothingMore() {
    String key = UUID.randomUUID().toString();
    String subject = "幂等 " + key;
    Reply first = post("/api/v1/payments", key, order(subject, "9.99"));
    assertThat(first.status()).isEqualTo(201);
    assertThat(first.header("Idempotent-Replayed")).isNull();

    Reply again = post("/api/v1/payments", key, order(subject, "9.99"));
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(again.header("Location")).isEqualTo(first.header("Location"));
    assertThat(again.contentType()).isEqualTo(first.contentType());
    assertThat(paymentsWithSubject(subject)).isEqualTo(1);

    // A refused request is kept too: the retry gets the same refusal, not a second try.
    String refusedKey = UUID.randomUUID().toString();
    Reply refused = post("/api/v1/payments", refusedKey, order(subject, "0.001"));
    assertThat(refused.status()).isEqualTo(400);
    Reply refusedAgain = post("/api/v1/payments", refusedKey, order(subject, "0.001"));
    assertThat(refusedAgain.status()).isEqualTo(400);
    assertThat(refusedAgain.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(refusedAgain.body()).isEqualTo(refused.body());
  }

  @Test
  void aReplayedCreateCarriesTheFirstAnswersCheckout() {
    for (String product : List.of("app", "qr")) {
      String key = UUID.randomUUID().toString();
      String body =
          "{\"total_amount\":\"3.21\",\"subject\":\"结账 "
              + key
              + "\",\"product\":\""
              + product
              + "\"}";
      Reply first = post("/api/v1/payments", key, body);
      assertThat(first.status()).as(first.body()).isEqualTo(201);
      JsonNode checkout = first.json().get("checkout");
      assertThat(checkout.get("kind").asString()).as(product).isEqualTo(product);
      assertThat(checkout.get(product.equals("app") ? "order_string" : "qr_code").asString())
          .isNotBlank();

      Reply again = post("/api/v1/payments", key, body);
      assertThat(again.status()).isEqualTo(201);
      assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
      assertThat(again.json().get("checkout")).as(product).isEqualTo(checkout);
      assertThat(again.json().get("qr_code")).isEqualTo(first.json().get("qr_code"));
      assertThat(paymentsWithSubject("结账 " + key)).isEqualTo(1);
    }
  }

  @Test
  void aCreateAnsweredWithoutItsQrCodeIsAskedAgainByItsRetryNotReplayed() {
    String key = UUID.randomUUID().toString();
    String body = "{\"total_amount\":\"3.22\",\"subject\":\"缺码 " + key + "\",\"product\":\"qr\"}";
    fault(
        "{\"gateway\":[{\"kind\":\"system_error\",\"methods\":[\"alipay.trade.precreate\"],"
            + "\"count\":1}]}");
    try {
      Reply first = post("/api/v1/payments", key, body);
      assertThat(first.status()).as(first.body()).isEqualTo(201);
      assertThat(first.json().has("qr_code")).as(first.body()).isFalse();

      // Alipay answers again: the retry asks for the code under the same number, not a replay.
      Reply retried = post("/api/v1/payments", key, body);
      assertThat(retried.status()).as(retried.body()).isEqualTo(201);
      assertThat(retried.header("Idempotent-Replayed")).isNull();
      assertThat(retried.json().get("out_trade_no").asString())
          .isEqualTo(first.json().get("out_trade_no").asString());
      assertThat(retried.json().get("checkout").get("qr_code").asString()).isNotBlank();
      // Complete now: kept and replayed.
      Reply replayed = post("/api/v1/payments", key, body);
      assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
      assertThat(replayed.body()).isEqualTo(retried.body());
      assertThat(paymentsWithSubject("缺码 " + key)).isEqualTo(1);
    } finally {
      clearSandboxFaults();
    }
  }

  @Test
  void aWechatPayCreateAnsweredWithoutItsCheckoutIsAskedAgainByItsRetryNotReplayed() {
    String key = UUID.randomUUID().toString();
    String no = "WXI" + key.replace("-", "").substring(0, 24);
    String body =
        "{\"channel\":\"wechatpay\",\"product\":\"native\",\"total_amount\":\"3.23\","
            + "\"subject\":\"缺码 "
            + key
            + "\",\"out_trade_no\":\""
            + no
            + "\"}";
    fault(
        "{\"gateway\":[{\"kind\":\"system_error\","
            + "\"methods\":[\"wechatpay.transactions.native\"],\"count\":1}]}");
    try {
      Reply first = post("/api/v1/payments", key, body);
      assertThat(first.status()).as(first.body()).isEqualTo(201);
      assertThat(first.json().has("checkout")).as(first.body()).isFalse();

      // WeChat Pay answers again: the retry asks for the code under the same number.
      Reply retried = post("/api/v1/payments", key, body);
      assertThat(retried.status()).as(retried.body()).isEqualTo(201);
      assertThat(retried.header("Idempotent-Replayed")).isNull();
      assertThat(retried.json().get("out_trade_no").asString()).isEqualTo(no);
      assertThat(retried.json().get("checkout").get("code_url").asString()).startsWith("weixin://");
      Reply replayed = post("/api/v1/payments", key, body);
      assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
      assertThat(replayed.body()).isEqualTo(retried.body());
      assertThat(paymentsWithSubject("缺码 " + key)).isEqualTo(1);
    } finally {
      clearSandboxFaults();
    }
  }

  @Test
  void theSameKeyForADifferentRequestIsRefusedAndChangesNothing() {
    String key = UUID.randomUUID().toString();
    String subject = "复用 " + key;
    assertThat(post("/api/v1/payments", key, order(subject, "1.00")).status()).isEqualTo(201);

    Reply changed = post("/api/v1/payments", key, order(subject, "2.00"));
    assertThat(changed.status()).isEqualTo(422);
    assertThat(changed.json().get("code").asString()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
    String outTradeNo = createPayment("3.00", "page");
    Reply otherPath =
        post("/api/v1/payments/" + outTradeNo + "/close", key, order(subject, "1.00"));
    assertThat(otherPath.status()).isEqualTo(422);
    assertThat(payment(outTradeNo).get("status").asString()).isEqualTo("PENDING");
    assertThat(paymentsWithSubject(subject)).isEqualTo(1);

    Reply tooLong = post("/api/v1/payments", "k".repeat(256), order(subject, "1.00"));
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(paymentsWithSubject(subject)).isEqualTo(1);
  }

  @Test
  void concurrentRequestsWithOneKeyCreateOnePayment() throws Exception {
    String key = UUID.randomUUID().toString();
    String subject = "并发 " + key;
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Reply>> replies = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      Callable<Reply> call =
          () -> {
            start.await();
            return post("/api/v1/payments", key, order(subject, "5.55"));
          };
      replies.add(pool.submit(call));
    }
    start.countDown();
    List<String> numbers = new ArrayList<>();
    int fresh = 0;
    for (Future<Reply> future : replies) {
      Reply reply = future.get();
      assertThat(reply.status()).as(reply.body()).isIn(201, 409);
      if (reply.status() == 409) {
        assertThat(reply.json().get("code").asString()).isEqualTo("IDEMPOTENCY_KEY_IN_USE");
      } else {
        numbers.add(reply.json().get("out_trade_no").asString());
        if (reply.header("Idempotent-Replayed") == null) {
          fresh++;
        }
      }
    }
    pool.shutdown();
    assertThat(fresh).isEqualTo(1);
    assertThat(numbers).isNotEmpty().allMatch(numbers.get(0)::equals);
    assertThat(paymentsWithSubject(subject)).isEqualTo(1);
  }

  @Test
  void aRefundRetriedWithItsKeyRefundsOnce() {
    String outTradeNo = paidPayment("8.00");
    String key = UUID.randomUUID().toString();
    String body = "{\"refund_amount\":\"1.50\"}";
    Reply first = post("/api/v1/payments/" + outTradeNo + "/refunds", key, body);
    assertThat(first.status()).isEqualTo(201);
    Reply again = post("/api/v1/payments/" + outTradeNo + "/refunds", key, body);
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(api("GET", "/api/v1/payments/" + outTradeNo + "/refunds", null).json()).hasSize(1);
    assertThat(payment(outTradeNo).get("refunded_amount").asString()).isEqualTo("1.50");
    // Without a key each request is its own.
    assertThat(
            api(
                    "POST",
                    "/api/v1/payments/" + outTradeNo + "/refunds",
                    Map.of("refund_amount", "1.50"))
                .status())
        .isEqualTo(201);
    assertThat(payment(outTradeNo).get("refunded_amount").asString()).isEqualTo("3.00");
  }

  private int storedAnswersContaining(String text) {
    return jdbc.sql("SELECT COUNT(*) FROM idempotency_keys WHERE response_body LIKE ?")
        .param("%" + text + "%")
        .query(Integer.class)
        .single();
  }

  @Test
  void anAnswerWithASecretIsNeverKeptAndItsRetryHearsItWasShownOnce() {
    String key = UUID.randomUUID().toString();
    String name = "shown once " + key;
    String body = "{\"name\":\"" + name + "\",\"scope\":\"read\"}";
    Reply made = post("/api/v1/api-keys", key, body);
    assertThat(made.status()).as(made.body()).isEqualTo(201);
    String secret = made.json().get("key").asString();
    assertThat(storedAnswersContaining(secret)).isZero();

    Reply again = post("/api/v1/api-keys", key, body);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().get("code").asString()).isEqualTo("SECRET_SHOWN_ONCE");
    assertThat(again.body()).doesNotContain(secret);
    assertThat(api("GET", "/api/v1/api-keys", null).body().split(name, -1)).hasSize(2);

    String endpointKey = UUID.randomUUID().toString();
    String endpoint = "{\"url\":\"http://localhost:9/hook\",\"events\":[\"payment.succeeded\"]}";
    Reply created = post("/api/v1/webhook-endpoints", endpointKey, endpoint);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.json().get("id").asString();
    assertThat(storedAnswersContaining(created.json().get("secret").asString())).isZero();
    String rotateKey = UUID.randomUUID().toString();
    Reply rotated = post("/api/v1/webhook-endpoints/" + id + "/rotate-secret", rotateKey, "");
    assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
    assertThat(storedAnswersContaining(rotated.json().get("secret").asString())).isZero();
    Reply rotatedAgain = post("/api/v1/webhook-endpoints/" + id + "/rotate-secret", rotateKey, "");
    assertThat(rotatedAgain.json().get("code").asString()).isEqualTo("SECRET_SHOWN_ONCE");
    api("DELETE", "/api/v1/webhook-endpoints/" + id, null);
  }

  @Test
  void aBodyOverTheCapIsRefusedBeforeTheKeyIsTaken() {
    String key = UUID.randomUUID().toString();
    String huge = order("x".repeat(70 * 1024), "1.00");
    Reply refused = post("/api/v1/payments", key, huge);
    assertThat(refused.status()).isEqualTo(413);
    assertThat(refused.json().get("code").asString()).isEqualTo("REQUEST_TOO_LARGE");
    // Without a Content-Length (chunked), the body is read up to the cap and refused there.
    Reply chunked =
        send(
            HttpRequest.newBuilder(URI.create(base() + "/api/v1/payments"))
                .header("Authorization", "Bearer " + API_KEY)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () ->
                            new java.io.ByteArrayInputStream(
                                huge.getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                .build());
    assertThat(chunked.status()).isEqualTo(413);
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM idempotency_keys WHERE idem_key = ?")
                .param(key)
                .query(Integer.class)
                .single())
        .isZero();
  }
}
