package io.paygate.server.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.sandbox.apps.App;
import io.paygate.sandbox.apps.SandboxApps;
import io.paygate.sandbox.notify.Notify;
import io.paygate.sandbox.notify.NotifyRepository;
import io.paygate.sandbox.signing.RsaKeys;
import io.paygate.sandbox.signing.RsaSignatures;
import io.paygate.sandbox.signing.SignType;
import io.paygate.sandbox.signing.SigningContent;
import io.paygate.sandbox.wire.AlipayTime;
import io.paygate.server.ConsoleSession;
import io.paygate.server.access.Role;
import io.paygate.server.operators.Change;
import io.paygate.server.operators.OperatorAccounts;
import io.paygate.server.recovery.DueChecks;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * "Stateless instances": two PayGate instances, each its own Spring application on its own port,
 * over one PostgreSQL database. Nothing is lost or counted twice whichever instance a request
 * reaches, and a due recovery check runs on one instance only.
 *
 * <p>Instance A embeds the sandbox (no app configured). Instance B is configured as a real Alipay
 * app would be: the sandbox's default app, its keys and seller, with A's sandbox as its gateway and
 * its own public URL, so the sandbox notifies B for payments created on B. The database is a fresh
 * one on the shared embedded PostgreSQL, so the other PostgreSQL tests (and their jobs) never see
 * these rows. The operators' tests over the two instances are here too (nested, last).
 */
// Own database, instances and clock: runs beside the other classes (junit-platform.properties);
// its own tests one after the other, on the instances they share.
@Execution(ExecutionMode.CONCURRENT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstancesTest extends ClusterTestSupport {

  private Instance a;
  private Instance b;

  @BeforeAll
  void startTwoInstances() {
    createDatabase();
    a = startWithSandbox("a", null, List.of());
    // B has an app, so no sandbox: it may post webhooks to the test's loopback receiver only when
    // told it may.
    List<String> own = new ArrayList<>(wechatPayArguments(a));
    own.add("--paygate.webhooks.allow-private-targets=true");
    b = startAsApp("b", a, null, own);
  }

  @AfterAll
  void stopBoth() {
    for (Instance instance : new Instance[] {b, a}) {
      if (instance != null) {
        instance.context().close();
      }
    }
    dropDatabase();
  }

  // -- 1. One instance's payment is the other's

  @Test
  @Execution(ExecutionMode.SAME_THREAD)
  void aPaymentCreatedAndPaidOnAIsSeenAndRefundedOnB() {
    String no = on(a, () -> createPayment("10.00", "page"));
    assertThat(on(b, () -> payment(no)).get("status").asString()).isEqualTo("PENDING");

    // Its out_trade_no is taken on B too.
    Reply taken =
        on(
            b,
            () ->
                api(
                    "POST",
                    "/api/v1/payments",
                    Map.of("total_amount", "1.00", "subject", "again", "out_trade_no", no)));
    assertThat(taken.status()).isEqualTo(409);
    assertThat(taken.json().get("code").asString()).isEqualTo("OUT_TRADE_NO_TAKEN");

    assertThat(on(a, () -> openCashier(no)).status()).isIn(200, 302);
    Reply paid = on(a, () -> payAsBuyer(no));
    assertThat(paid.status()).isEqualTo(200);
    assertThat(paid.json().get("trade_status").asString()).isEqualTo("TRADE_SUCCESS");

    JsonNode seenOnB = on(b, () -> payment(no));
    assertThat(seenOnB.get("status").asString()).isEqualTo("PAID");
    assertThat(seenOnB.get("trade_no").asString())
        .isEqualTo(paid.json().get("trade_no").asString());

    // B refunds it (B's own call to Alipay); a repeat of that refund on A is the same refund.
    String refunds = "/api/v1/payments/" + no + "/refunds";
    Map<String, String> r1 = Map.of("refund_amount", "3.00", "out_request_no", "R1");
    Reply refunded = on(b, () -> api("POST", refunds, r1));
    assertThat(refunded.status()).isEqualTo(201);
    assertThat(refunded.json().get("status").asString()).isEqualTo("SUCCEEDED");

    Reply repeated = on(a, () -> api("POST", refunds, r1));
    assertThat(repeated.json().get("out_request_no").asString()).isEqualTo("R1");
    assertThat(repeated.json().get("status").asString()).isEqualTo("SUCCEEDED");
    Reply conflicting =
        on(a, () -> api("POST", refunds, Map.of("refund_amount", "1.00", "out_request_no", "R1")));
    assertThat(conflicting.status()).isEqualTo(409);
    assertThat(conflicting.json().get("code").asString()).isEqualTo("OUT_REQUEST_NO_CONFLICT");

    for (Instance instance : List.of(a, b)) {
      JsonNode payment = on(instance, () -> payment(no));
      assertThat(payment.get("status").asString()).isEqualTo("PARTIALLY_REFUNDED");
      assertThat(payment.get("refunded_amount").asString()).isEqualTo("3.00");
      assertThat(on(instance, () -> api("GET", refunds, null)).json().size()).isEqualTo(1);
    }
  }

  // -- 2. Refunds racing on both instances never add up to more than was paid

  @Test
  @Execution(ExecutionMode.SAME_THREAD)
  void theListingsPageByCursorOnPostgres() {
    String from = java.time.Instant.now().minusSeconds(1).toString();
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      made.add(on(a, () -> createPayment("2.00", "page")));
    }
    String paid = on(a, () -> paidPayment("3.00"));
    made.add(paid);
    on(
        a,
        () ->
            api("POST", "/api/v1/payments/" + paid + "/refunds", Map.of("refund_amount", "1.00")));
    List<String> listed = new ArrayList<>();
    String after = null;
    for (int page = 0; page < 10; page++) {
      String cursor = after == null ? "" : "&starting_after=" + after;
      JsonNode reply =
          on(b, () -> api("GET", "/api/v1/payments?limit=2&created_from=" + from + cursor, null))
              .json();
      reply.get("data").forEach(p -> listed.add(p.get("out_trade_no").asString()));
      if (!reply.get("has_more").asBoolean()) {
        break;
      }
      after = listed.get(listed.size() - 1);
    }
    // Other tests' payments of the same second may be there too; each of ours once.
    assertThat(listed).doesNotHaveDuplicates().containsAll(made);
    JsonNode refunds =
        on(b, () -> api("GET", "/api/v1/refunds?created_from=" + from, null)).json().get("data");
    assertThat(refunds.valueStream().map(r -> r.get("out_trade_no").asString())).contains(paid);
    JsonNode events =
        on(b, () -> api("GET", "/api/v1/events?payment=" + paid, null)).json().get("data");
    assertThat(events).hasSizeGreaterThanOrEqualTo(1);
    // The console's search pages the same rows on PostgreSQL.
    assertThat(on(b, () -> logInAsAdmin().get("/payments?number=" + paid).body())).contains(paid);
  }

  @Test
  @Execution(ExecutionMode.SAME_THREAD)
  void oneIdempotencyKeyRacingOnBothInstancesMakesOnePayment() throws Exception {
    String key = java.util.UUID.randomUUID().toString();
    String subject = "两个实例 " + key;
    String body =
        "{\"total_amount\":\"6.66\",\"subject\":\"" + subject + "\",\"product\":\"page\"}";
    int threads = 8;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Reply> replies = new ArrayList<>();
    try {
      List<Future<Reply>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        Instance instance = i % 2 == 0 ? a : b;
        futures.add(
            pool.submit(
                () -> {
                  start.await(30, TimeUnit.SECONDS);
                  return on(
                      instance,
                      () ->
                          send(
                              java.net.http.HttpRequest.newBuilder(
                                      java.net.URI.create(base() + "/api/v1/payments"))
                                  .header("Authorization", "Bearer " + API_KEY)
                                  .header("Content-Type", "application/json")
                                  .header("Idempotency-Key", key)
                                  .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                                  .build()));
                }));
      }
      for (Future<Reply> future : futures) {
        replies.add(future.get(60, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    long fresh =
        replies.stream()
            .filter(r -> r.status() == 201 && r.header("Idempotent-Replayed") == null)
            .count();
    assertThat(fresh).isEqualTo(1);
    assertThat(replies).allSatisfy(r -> assertThat(r.status()).as(r.body()).isIn(201, 409));
    int rows =
        a.bean(JdbcClient.class)
            .sql("SELECT COUNT(*) FROM payments WHERE subject = ?")
            .param(subject)
            .query(Integer.class)
            .single();
    assertThat(rows).isEqualTo(1);
  }

  @Test
  @Execution(ExecutionMode.SAME_THREAD)
  void aDueWebhookIsSentByOneInstanceWhenBothLookForIt() throws Exception {
    try (io.paygate.core.testkit.Receiver receiver = new io.paygate.core.testkit.Receiver()) {
      receiver.answer(500);
      Reply endpoint =
          on(
              a,
              () ->
                  api(
                      "POST",
                      "/api/v1/webhook-endpoints",
                      Map.of("url", receiver.url(), "events", List.of("payment.succeeded"))));
      assertThat(endpoint.status()).as(endpoint.body()).isEqualTo(201);
      String endpointId = endpoint.json().get("id").asString();
      try {
        on(a, () -> paidPayment("1.23"));
        String eventId = receiver.next(java.time.Duration.ofSeconds(10)).eventId();
        JdbcClient jdbc = a.bean(JdbcClient.class);
        java.util.function.IntSupplier attempts =
            () ->
                jdbc.sql("SELECT attempts FROM webhook_deliveries WHERE event_id = ?")
                    .param(eventId)
                    .query(Integer.class)
                    .single();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (attempts.getAsInt() < 1 && System.nanoTime() < deadline) {
          Thread.onSpinWait();
        }
        // The first attempt's worker has finished looking for more of the endpoint's work.
        io.micrometer.core.instrument.Gauge inFlight =
            a.bean(io.micrometer.core.instrument.MeterRegistry.class)
                .get("paygate.webhook.in.flight")
                .gauge();
        while (inFlight.value() > 0 && System.nanoTime() < deadline) {
          Thread.onSpinWait();
        }
        // The retry is due now; both instances' jobs look for it at once.
        receiver.answer(200);
        jdbc.sql("UPDATE webhook_deliveries SET next_attempt_at = ? WHERE event_id = ?")
            .params(java.time.OffsetDateTime.now().minusSeconds(1), eventId)
            .update();
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Integer>> sent = new ArrayList<>();
        for (Instance instance : List.of(a, b)) {
          sent.add(
              pool.submit(
                  () -> {
                    start.await(30, TimeUnit.SECONDS);
                    return instance
                        .bean(io.paygate.server.webhooks.WebhookDispatcher.class)
                        .sendDue();
                  }));
        }
        int total = 0;
        for (Future<Integer> future : sent) {
          total += future.get(60, TimeUnit.SECONDS);
        }
        pool.shutdownNow();
        assertThat(total).isEqualTo(1);
        assertThat(attempts.getAsInt()).isEqualTo(2);
        receiver.next(java.time.Duration.ofSeconds(10));
        assertThat(receiver.pending()).isZero();
      } finally {
        on(a, () -> api("DELETE", "/api/v1/webhook-endpoints/" + endpointId, null));
      }
    }
  }

  @Test
  @Execution(ExecutionMode.SAME_THREAD)
  void concurrentRefundsSplitAcrossBothInstancesRefundExactlyThePaidAmount() throws Exception {
    String no = on(a, () -> paidPayment("10.00"));
    String refunds = "/api/v1/payments/" + no + "/refunds";
    int threads = 12; // 6 on each: ten successes means each instance refunded at least 4
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Reply>> replies = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        Instance instance = i % 2 == 0 ? a : b;
        replies.add(
            pool.submit(
                () -> {
                  start.await(30, TimeUnit.SECONDS);
                  return on(instance, () -> api("POST", refunds, Map.of("refund_amount", "1.00")));
                }));
      }
      int succeeded = 0;
      int refused = 0;
      for (Future<Reply> future : replies) {
        Reply reply = future.get(60, TimeUnit.SECONDS);
        if (reply.status() == 201) {
          assertThat(reply.json().get("status").asString()).isEqualTo("SUCCEEDED");
          succeeded++;
        } else {
          // Nothing left to refund: refused for the amount, or, once the last refund has made the
          // payment REFUNDED, for its state. Either way nothing moved.
          assertThat(reply.status()).as(reply.body()).isIn(409, 422);
          assertThat(reply.json().get("code").asString())
              .isIn("REFUND_EXCEEDS_AVAILABLE", "PAYMENT_NOT_REFUNDABLE");
          refused++;
        }
      }
      assertThat(succeeded).isEqualTo(10);
      assertThat(refused).isEqualTo(threads - 10);
    } finally {
      pool.shutdownNow();
    }

    for (Instance instance : List.of(a, b)) {
      JsonNode payment = on(instance, () -> payment(no));
      assertThat(payment.get("refunded_amount").asString()).isEqualTo("10.00");
      assertThat(payment.get("status").asString()).isEqualTo("REFUNDED");
      JsonNode list = on(instance, () -> api("GET", refunds, null)).json();
      assertThat(list.size()).isEqualTo(10);
      list.forEach(refund -> assertThat(refund.get("status").asString()).isEqualTo("SUCCEEDED"));
    }
  }

  @Test
  @Execution(ExecutionMode.SAME_THREAD)
  void fullRefundsRacingOnBothInstancesAtOnceRefundEachPaymentOnce() throws Exception {
    // The race above is decided at its tenth refund; here every request is at the boundary.
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (int round = 0; round < 5; round++) {
        String no = on(a, () -> paidPayment("6.00"));
        String refunds = "/api/v1/payments/" + no + "/refunds";
        CyclicBarrier start = new CyclicBarrier(4);
        List<Future<Reply>> replies = new ArrayList<>();
        for (Instance instance : List.of(a, b, a, b)) {
          replies.add(
              pool.submit(
                  () -> {
                    start.await(30, TimeUnit.SECONDS);
                    return on(
                        instance, () -> api("POST", refunds, Map.of("refund_amount", "6.00")));
                  }));
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Reply> future : replies) {
          Reply reply = future.get(60, TimeUnit.SECONDS);
          statuses.add(reply.status());
          if (reply.status() != 201) {
            // Refused while the winner's refund is reserved, or after it made the payment REFUNDED.
            assertThat(reply.json().get("code").asString())
                .as(reply.body())
                .isIn("REFUND_EXCEEDS_AVAILABLE", "PAYMENT_NOT_REFUNDABLE");
          }
        }
        assertThat(statuses).as("round %d", round).containsOnlyOnce(201);
        assertThat(on(b, () -> api("GET", refunds, null)).json().size()).isEqualTo(1);
        assertThat(on(b, () -> payment(no)).get("status").asString()).isEqualTo("REFUNDED");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  // -- 3. Notifies: delivered to the instance whose notify_url the payment carries, once in effect

  @Test
  @Execution(ExecutionMode.SAME_THREAD)
  void aNotifyForAPaymentCreatedOnBGoesToBAndAnotherDeliveryAnywhereChangesNothing() {
    String no = on(b, () -> createPayment("20.00", "page"));
    // B's pay page sends the buyer to B's gateway, which is A's sandbox.
    assertThat(on(b, () -> openCashier(no)).status()).isIn(200, 302);
    Reply paid = on(a, () -> payAsBuyer(no));
    assertThat(paid.status()).isEqualTo(200);

    JsonNode notifies = on(a, () -> get("/sandbox/api/notifies?out_trade_no=" + no)).json();
    assertThat(notifies.size()).isEqualTo(1);
    JsonNode notify = notifies.get(0);
    assertThat(notify.get("notify_url").asString()).isEqualTo(b.base() + "/alipay/notify");
    assertThat(notify.get("delivered").asBoolean()).isTrue();
    assertThat(notify.get("attempts").get(0).get("reply").asString()).isEqualTo("success");

    JsonNode seenOnA = on(a, () -> payment(no));
    assertThat(seenOnA.get("status").asString()).isEqualTo("PAID");
    assertThat(seenOnA.get("trade_no").asString())
        .isEqualTo(paid.json().get("trade_no").asString());

    // Alipay delivers it to B once more (the sandbox's own redelivery).
    JsonNode again =
        on(
                a,
                () ->
                    postJson(
                        "/sandbox/api/notifies/" + notify.get("id").asLong() + "/redeliver",
                        Map.of()))
            .json();
    assertThat(again.get("attempts").size()).isEqualTo(2);
    assertThat(again.get("attempts").get(1).get("reply").asString()).isEqualTo("success");

    // The same notify reaches A (a load balancer in front of both, say): A, configured with the
    // same app and seller through its sandbox, accepts it, and it changes nothing.
    Reply onA = on(a, () -> postForm("/alipay/notify", signedAsTheSandboxDoes(no)));
    assertThat(onA.status()).isEqualTo(200);
    assertThat(onA.body()).isEqualTo("success");

    assertThat(on(a, () -> payment(no))).isEqualTo(seenOnA);
    assertThat(on(b, () -> payment(no))).isEqualTo(seenOnA);
    List<String> outcomes =
        a.bean(JdbcClient.class)
            .sql(
                "SELECT outcome FROM exchanges WHERE out_trade_no = ? AND operation = 'notify'"
                    + " ORDER BY id")
            .param(no)
            .query(String.class)
            .list();
    assertThat(outcomes).containsExactly("applied", "no change", "no change");
  }

  @Test
  void aWechatPayNotificationReachingBothInstancesAtOnceBooksThePaymentOnce() throws Exception {
    String no = on(b, () -> createWechatPayment("9.87"));
    var merchant =
        a.bean(io.paygate.sandbox.wechatpay.merchants.WxMerchants.class).defaultMerchant();
    String openid = on(a, () -> wechatPayer(merchant.appid())).get("openid").asString();
    // The first delivery is lost: the payment is still open when the notification comes again.
    on(a, () -> fault("{\"notify\":[{\"kind\":\"drop\",\"count\":1}]}"));
    try {
      Reply paid = on(a, () -> wechatPays(merchant.mchid(), openid, no, null));
      assertThat(paid.status()).as(paid.body()).isEqualTo(200);
    } finally {
      on(a, this::clearSandboxFaults);
    }
    var notification =
        a.bean(io.paygate.sandbox.wechatpay.notify.WxNotificationRepository.class)
            .byOutTradeNo(no)
            .get(0);
    assertThat(notification.notifyUrl()).isEqualTo(b.base() + "/channels/wechatpay/notify");
    assertThat(on(b, () -> payment(no)).get("status").asString()).isEqualTo("PENDING");

    // WeChat Pay's retry reaches both instances at once, several times (a balancer before both).
    int threads = 6;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Integer> statuses = new ArrayList<>();
    try {
      List<Future<Integer>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        Instance instance = i % 2 == 0 ? a : b;
        futures.add(
            pool.submit(
                () -> {
                  java.net.http.HttpRequest request =
                      signedAsWechatPayDoes(
                          merchant,
                          notification.body(),
                          instance.base() + "/channels/wechatpay/notify");
                  start.await(30, TimeUnit.SECONDS);
                  return send(request).status();
                }));
      }
      for (Future<Integer> future : futures) {
        statuses.add(future.get(60, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(statuses).allSatisfy(status -> assertThat(status).isBetween(200, 299));
    for (Instance instance : List.of(a, b)) {
      JsonNode payment = on(instance, () -> payment(no));
      assertThat(payment.get("status").asString()).isEqualTo("PAID");
      assertThat(payment.get("channel").asString()).isEqualTo("wechatpay");
    }
    List<String> events = new ArrayList<>();
    on(a, () -> api("GET", "/api/v1/events?payment=" + no, null))
        .json()
        .get("data")
        .forEach(event -> events.add(event.get("type").asString()));
    assertThat(events).containsExactly("payment.succeeded");
    List<String> outcomes =
        a.bean(JdbcClient.class)
            .sql("SELECT outcome FROM exchanges WHERE out_trade_no = ? AND operation = 'notify'")
            .param(no)
            .query(String.class)
            .list();
    assertThat(outcomes).hasSize(threads);
    assertThat(outcomes.stream().filter("applied"::equals).count()).isEqualTo(1);
  }

  /** A notification's body with its headers signed afresh, as each attempt of WeChat Pay's is. */
  private static java.net.http.HttpRequest signedAsWechatPayDoes(
      io.paygate.sandbox.wechatpay.merchants.Merchant merchant, String body, String url) {
    String timestamp = Long.toString(Instant.now().getEpochSecond());
    String nonce = java.util.UUID.randomUUID().toString().replace("-", "").toUpperCase();
    return java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
        .header("Content-Type", "application/json")
        .header("Wechatpay-Serial", merchant.publicKeyId())
        .header(
            "Wechatpay-Signature",
            io.paygate.sandbox.wechatpay.keys.WxKeys.sign(
                merchant.publicKeyPrivate(), timestamp + "\n" + nonce + "\n" + body + "\n"))
        .header("Wechatpay-Timestamp", timestamp)
        .header("Wechatpay-Nonce", nonce)
        .header("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
  }

  /**
   * The notify the sandbox sent for this payment, as each of its attempts is made: its parameters
   * with a fresh notify_time, signed with the sandbox's ("Alipay's") private key for the app.
   */
  private Map<String, String> signedAsTheSandboxDoes(String outTradeNo) {
    Notify notify = a.bean(NotifyRepository.class).byOutTradeNo(outTradeNo).get(0);
    App app = a.bean(SandboxApps.class).find(notify.appId()).orElseThrow();
    Map<String, String> form = new LinkedHashMap<>();
    form.put("notify_time", AlipayTime.format(Instant.now()));
    form.putAll(notify.params());
    String content = SigningContent.of(form, SigningContent.NOTIFY_EXCLUDED);
    form.put("sign_type", "RSA2");
    form.put(
        "sign",
        RsaSignatures.sign(
            content,
            RsaKeys.privateKey(app.alipayPrivateKey()),
            SignType.RSA2,
            StandardCharsets.UTF_8));
    return form;
  }

  // -- 4. Recovery rows: each due check runs on exactly one instance

  @Test
  @Execution(ExecutionMode.SAME_THREAD)
  void dueChecksRacingOnBothInstancesRunEachPaymentsCheckOnce() throws Exception {
    // Lost notifies: the buyers paid, the sandbox's notifies are dropped, the payments stay
    // PENDING until their checks ask Alipay.
    on(a, () -> fault("{\"notify\":[{\"kind\":\"drop\"}]}"));
    List<String> payments = new ArrayList<>();
    try {
      for (int i = 0; i < 20; i++) {
        payments.add(on(a, () -> paidPayment("1.00")));
      }
    } finally {
      on(a, this::clearSandboxFaults);
    }
    JdbcClient jdbc = a.bean(JdbcClient.class);
    for (String no : payments) {
      assertThat(on(b, () -> payment(no)).get("status").asString()).isEqualTo("PENDING");
    }
    // Due now rather than in a minute (these instances run on the real clock).
    jdbc.sql(
            "UPDATE scheduled_tasks SET execution_time = CURRENT_TIMESTAMP"
                + " WHERE task_name = 'payment-check' AND task_instance IN (:nos)")
        .param("nos", payments)
        .update();

    List<DueChecks> schedulers =
        List.of(a, b).stream().map(instance -> dueChecks(instance, Clock.systemUTC())).toList();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CyclicBarrier start = new CyclicBarrier(2);
      List<Future<?>> runs = new ArrayList<>();
      for (DueChecks due : schedulers) {
        runs.add(
            pool.submit(
                () -> {
                  start.await(30, TimeUnit.SECONDS);
                  due.run();
                  return null;
                }));
      }
      for (Future<?> run : runs) {
        run.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    for (String no : payments) {
      assertThat(on(a, () -> payment(no)).get("status").asString()).isEqualTo("PAID");
      List<String> queries =
          jdbc.sql(
                  "SELECT outcome FROM exchanges WHERE out_trade_no = ?"
                      + " AND operation = 'queryTrade'")
              .param(no)
              .query(String.class)
              .list();
      assertThat(queries).as("trade queries of %s", no).containsExactly("ok");
      assertThat(schedulers.get(0).nextPaymentCheck(no)).isNull();
    }
  }

  // -- 5. Operators: a change on one instance is the other's too, and one admin always remains

  /**
   * Operators on the two instances: a change made on one ends the sessions kept by the other at
   * their next request, and two admins demoted at once, one on each instance, leave one admin. Each
   * test starts from two admins, {@code admin} and {@code second}, and nobody else; after it,
   * {@code admin} is an admin again and {@code second} is gone. (Nested classes run after the outer
   * tests.)
   */
  @Nested
  @Execution(ExecutionMode.SAME_THREAD)
  class Operators {

    private static final String SECOND = "second";
    private final String secondPassword = "second-" + UUID.randomUUID();
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @BeforeEach
    void twoAdmins() {
      onlyTheAdmin();
      assertThat(a.bean(OperatorAccounts.class).create(SECOND, secondPassword, Role.ADMIN))
          .isTrue();
    }

    @AfterEach
    void theAdminAlone() {
      threads.shutdownNow();
      onlyTheAdmin();
    }

    private void onlyTheAdmin() {
      JdbcClient jdbc = a.bean(JdbcClient.class);
      jdbc.sql("DELETE FROM operators WHERE username <> 'admin'").update();
      jdbc.sql(
              "UPDATE operators SET role = 'ADMIN', locked_by_admin = FALSE,"
                  + " session_version = session_version + 1 WHERE username = 'admin'")
          .update();
    }

    @Test
    void aChangeOnOneInstanceEndsTheSessionsKeptByTheOther() {
      ConsoleSession onA = on(a, () -> logIn(SECOND, secondPassword));
      assertThat(onA.get("/operators").status()).isEqualTo(200);

      ConsoleSession adminOnB = on(b, () -> logInAsAdmin());
      ConsoleSession.Page demoted =
          adminOnB.submit("/operators", "/operators/" + SECOND + "/role", Map.of("role", "VIEWER"));
      assertThat(demoted.status()).isEqualTo(302);

      ConsoleSession.Page next = onA.get("/operators");
      assertThat(next.status()).isEqualTo(302);
      assertThat(next.location()).endsWith("/login");

      // Removed on A, logged out on B.
      ConsoleSession onB = on(b, () -> logIn(SECOND, secondPassword));
      assertThat(onB.get("/").status()).isEqualTo(200);
      ConsoleSession adminOnA = on(a, () -> logInAsAdmin());
      assertThat(
              adminOnA.submit("/operators", "/operators/" + SECOND + "/delete", Map.of()).status())
          .isEqualTo(302);
      assertThat(onB.get("/").location()).endsWith("/login");
    }

    /**
     * A's demotion holds its transaction open until B's is waiting for a row lock (PostgreSQL says
     * so in pg_stat_activity), or, were there no locks, has finished.
     */
    @Test
    void twoAdminsDemotedAtOnceOnTwoInstancesLeaveOne() throws Exception {
      JdbcClient jdbc = a.bean(JdbcClient.class);
      CountDownLatch firstChanged = new CountDownLatch(1);
      CountDownLatch commitFirst = new CountDownLatch(1);
      Future<Change> onA =
          threads.submit(
              () ->
                  a.bean(TransactionTemplate.class)
                      .execute(
                          status -> {
                            Change change =
                                a.bean(OperatorAccounts.class).changeRole("admin", Role.VIEWER);
                            firstChanged.countDown();
                            try {
                              commitFirst.await();
                            } catch (InterruptedException e) {
                              Thread.currentThread().interrupt();
                            }
                            return change;
                          }));
      firstChanged.await();
      Future<Change> onB =
          threads.submit(() -> b.bean(OperatorAccounts.class).changeRole(SECOND, Role.VIEWER));
      while (!onB.isDone() && waitingForLocks(jdbc) == 0) {
        Thread.onSpinWait();
      }
      commitFirst.countDown();

      assertThat(List.of(onA.get(), onB.get())).containsExactly(Change.DONE, Change.LAST_ADMIN);
      assertThat(a.bean(OperatorAccounts.class).find(SECOND).orElseThrow().role())
          .isEqualTo(Role.ADMIN);
      assertThat(a.bean(OperatorAccounts.class).admins()).isEqualTo(1);
    }

    private static int waitingForLocks(JdbcClient jdbc) {
      return jdbc.sql(
              "SELECT COUNT(*) FROM pg_stat_activity"
                  + " WHERE datname = current_database() AND wait_event_type = 'Lock'")
          .query(Integer.class)
          .single();
    }
  }
}
