package io.paygate.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.core.channel.ChannelTrade;
import io.paygate.core.channel.TradeState;
import io.paygate.core.money.Money;
import io.paygate.core.payments.TradeReconciler;
import io.paygate.core.testkit.Receiver;
import io.paygate.server.ConsoleSession;
import io.paygate.server.payments.JdbcPaymentRepository;
import io.paygate.server.recovery.HeldAnswersServerTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Webhooks through HTTP against the running server and a receiver on a real port: signed events,
 * retries on the schedule (the server's clock moved by the test, no sleeping for a schedule),
 * rotation, redelivery, and no event for a change that rolled back.
 */
class WebhooksTest extends HeldAnswersServerTest {

  private static final Duration PATIENCE = Duration.ofSeconds(10);

  @Autowired WebhookDispatcher dispatcher;
  @Autowired JdbcPaymentRepository payments;
  @Autowired TradeReconciler reconciler;
  @Autowired TransactionTemplate transactions;
  @Autowired JdbcClient jdbc;

  private Receiver receiver;
  private final List<String> endpoints = new ArrayList<>();

  @BeforeEach
  void receiver() {
    receiver = new Receiver();
  }

  @AfterEach
  void cleanUp() {
    // Each test hears only its own endpoints.
    endpoints.forEach(id -> api("DELETE", "/api/v1/webhook-endpoints/" + id, null));
    receiver.close();
  }

  private JsonNode endpoint(List<String> events) {
    return endpoint(receiver, events);
  }

  private JsonNode endpoint(Receiver at, List<String> events) {
    Reply created =
        api("POST", "/api/v1/webhook-endpoints", Map.of("url", at.url(), "events", events));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    endpoints.add(created.json().get("id").asString());
    return created.json();
  }

  /** The v1 signatures of a header, checked against the secret; true when one matches. */
  private static boolean signedWith(Receiver.Received received, String secret) {
    String[] parts = received.signature().split(",");
    assertThat(parts[0]).startsWith("t=");
    long t = Long.parseLong(parts[0].substring(2));
    String expected = WebhookSignature.hmac(secret, t + "." + received.body());
    for (int i = 1; i < parts.length; i++) {
      if (parts[i].equals("v1=" + expected)) {
        return true;
      }
    }
    return false;
  }

  private JsonNode event(String id) {
    Reply reply = api("GET", "/api/v1/events/" + id, null);
    assertThat(reply.status()).isEqualTo(200);
    return reply.json();
  }

  private JsonNode delivery(String eventId) {
    return event(eventId).get("deliveries").get(0);
  }

  @Test
  void aPaidPaymentReachesTheReceiverAsASignedPaymentSucceeded() {
    JsonNode endpoint = endpoint(List.of("payment.succeeded"));
    String secret = endpoint.get("secret").asString();
    assertThat(secret).startsWith("whsec_");

    String outTradeNo = paidPayment("3.00");
    Receiver.Received got = receiver.next(PATIENCE);

    assertThat(signedWith(got, secret)).isTrue();
    assertThat(signedWith(got, "whsec_not-the-secret")).isFalse();
    JsonNode body = JSON.readTree(got.body());
    assertThat(body.get("id").asString()).isEqualTo(got.eventId()).startsWith("evt_");
    assertThat(body.get("type").asString()).isEqualTo("payment.succeeded");
    JsonNode object = body.get("data").get("object");
    // The object is the API's own view of the payment at that moment.
    assertThat(object.get("out_trade_no").asString()).isEqualTo(outTradeNo);
    assertThat(object.get("status").asString()).isEqualTo("PAID");
    assertThat(object.get("total_amount").asString()).isEqualTo("3.00");
    assertThat(object.get("trade_no").asString())
        .isEqualTo(payment(outTradeNo).get("trade_no").asString());

    // Listed by payment and type; the delivery is recorded with its attempt.
    JsonNode listed = api("GET", "/api/v1/events?payment=" + outTradeNo, null).json();
    assertThat(listed.get("data")).hasSize(1);
    assertThat(listed.get("has_more").asBoolean()).isFalse();
    awaitAttempts(got.eventId(), 1);
    JsonNode delivery = delivery(got.eventId());
    assertThat(delivery.get("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(delivery.get("attempt_log").get(0).get("status_code").asInt()).isEqualTo(200);
    // The endpoint did not ask for refunds or closes: nothing else came.
    assertThat(receiver.pending()).isZero();
    // The secret is shown once, never in a listing.
    assertThat(api("GET", "/api/v1/webhook-endpoints", null).body()).doesNotContain(secret);

    // The console shows it on the payment's timeline and on the webhooks page, secrets never.
    ConsoleSession viewer = operatorWithRole("VIEWER");
    assertThat(viewer.get("/payments/" + outTradeNo).body())
        .contains("通知商户 Webhook payment.succeeded · " + got.eventId())
        .contains("SUCCEEDED (1)");
    String page = viewer.get("/webhooks").body();
    assertThat(page).contains(got.eventId()).contains(receiver.url()).doesNotContain(secret);
    assertThat(page).doesNotContain("class=\"redeliver\"");
    assertThat(
            viewer
                .submit("/webhooks", "/webhooks/events/" + got.eventId() + "/redeliver", Map.of())
                .status())
        .isEqualTo(403);
    ConsoleSession operator = operatorWithRole("OPERATOR");
    ConsoleSession.Page again =
        operator.submit("/webhooks", "/webhooks/events/" + got.eventId() + "/redeliver", Map.of());
    assertThat(again.status()).isEqualTo(302);
    assertThat(receiver.next(PATIENCE).body()).isEqualTo(got.body());
  }

  @Test
  void theEventsOfOneChangeEachReachTheEndpointsThatTakeThemAndNoOther() {
    String all = endpoint(List.of()).get("id").asString();
    String refunds = endpoint(List.of("refund.succeeded")).get("id").asString();
    String payments = endpoint(List.of("payment.refunded")).get("id").asString();
    endpoint(List.of("payment.closed"));
    String outTradeNo = paidPayment("6.00");

    // A full refund answered at once: refund.succeeded and payment.refunded in one transaction.
    Reply refund =
        api(
            "POST",
            "/api/v1/payments/" + outTradeNo + "/refunds",
            Map.of("refund_amount", "6.00", "refund_reason", "退货"));
    assertThat(refund.status()).as(refund.body()).isEqualTo(201);

    Map<String, List<String>> reached = new java.util.TreeMap<>();
    for (JsonNode listed :
        api("GET", "/api/v1/events?payment=" + outTradeNo, null).json().get("data")) {
      JsonNode event = event(listed.get("id").asString());
      List<String> to = new ArrayList<>();
      // Endpoints of this test only: another's left in the shared context is not ours to count.
      event.get("deliveries").forEach(d -> to.add(d.get("endpoint_id").asString()));
      to.retainAll(endpoints);
      reached.put(event.get("type").asString(), to.stream().sorted().toList());
    }
    assertThat(reached)
        .containsOnlyKeys("payment.succeeded", "refund.succeeded", "payment.refunded")
        .containsEntry("refund.succeeded", List.of(all, refunds).stream().sorted().toList())
        .containsEntry("payment.refunded", List.of(all, payments).stream().sorted().toList())
        .containsEntry("payment.succeeded", List.of(all));
  }

  @Test
  void aFailingReceiverIsRetriedOnTheScheduleUntilItAnswers() {
    receiver.answer(500);
    endpoint(List.of("payment.succeeded"));
    paidPayment("4.00");
    Receiver.Received first = receiver.next(PATIENCE);
    String eventId = first.eventId();
    awaitAttempts(eventId, 1);
    assertThat(delivery(eventId).get("status").asString()).isEqualTo("PENDING");

    // Not yet due: the first retry waits a minute.
    clock.advance(Duration.ofSeconds(30));
    assertThat(dispatcher.sendDue()).isZero();
    clock.advance(Duration.ofSeconds(31));
    assertThat(dispatcher.sendDue()).isEqualTo(1);
    assertThat(receiver.next(PATIENCE).body()).isEqualTo(first.body());

    // The second retry waits twice as long.
    clock.advance(Duration.ofSeconds(119));
    assertThat(dispatcher.sendDue()).isZero();
    receiver.answer(204);
    clock.advance(Duration.ofSeconds(2));
    assertThat(dispatcher.sendDue()).isEqualTo(1);
    receiver.next(PATIENCE);

    JsonNode delivery = delivery(eventId);
    assertThat(delivery.get("status").asString()).isEqualTo("SUCCEEDED");
    List<Integer> codes = new ArrayList<>();
    delivery.get("attempt_log").forEach(a -> codes.add(a.get("status_code").asInt()));
    assertThat(codes).containsExactly(500, 500, 204);
    // A success stops the retries.
    clock.advance(Duration.ofDays(1));
    assertThat(dispatcher.sendDue()).isZero();
    assertThat(receiver.pending()).isZero();
  }

  @Test
  void aReceiverThatNeverAnswersIsGivenUpAfterThreeDays() {
    receiver.answer(503);
    endpoint(List.of("payment.succeeded"));
    paidPayment("5.00");
    String eventId = receiver.next(PATIENCE).eventId();
    awaitAttempts(eventId, 1);
    Instant start = clock.instant();

    List<Duration> waits = new ArrayList<>();
    while (delivery(eventId).get("status").asString().equals("PENDING")) {
      JsonNode delivery = delivery(eventId);
      JsonNode log = delivery.get("attempt_log");
      Instant last = Instant.parse(log.get(log.size() - 1).get("attempted_at").asString());
      Instant next = Instant.parse(delivery.get("next_attempt_at").asString());
      waits.add(Duration.between(last, next));
      clock.advance(Duration.between(clock.instant(), next).plusSeconds(1));
      assertThat(dispatcher.sendDue()).isEqualTo(1);
      receiver.next(PATIENCE);
    }
    assertThat(delivery(eventId).get("status").asString()).isEqualTo("FAILED");
    assertThat(waits.subList(0, 4))
        .containsExactly(
            Duration.ofMinutes(1),
            Duration.ofMinutes(2),
            Duration.ofMinutes(4),
            Duration.ofMinutes(8));
    assertThat(waits).allSatisfy(wait -> assertThat(wait).isLessThanOrEqualTo(Duration.ofHours(6)));
    assertThat(waits.get(waits.size() - 1)).isEqualTo(Duration.ofHours(6));
    assertThat(Duration.between(start, clock.instant()))
        .isGreaterThan(Duration.ofDays(2))
        .isLessThanOrEqualTo(Duration.ofDays(3));
  }

  @Test
  void aRotatedSecretKeepsTheOldReceiverWorkingForADayAndRedeliverySendsTheSameEvent() {
    JsonNode endpoint = endpoint(List.of());
    String old = endpoint.get("secret").asString();
    Reply rotated =
        api(
            "POST",
            "/api/v1/webhook-endpoints/" + endpoint.get("id").asString() + "/rotate-secret",
            null);
    assertThat(rotated.status()).isEqualTo(200);
    String fresh = rotated.json().get("secret").asString();
    assertThat(fresh).isNotEqualTo(old).startsWith("whsec_");

    paidPayment("6.00");
    Receiver.Received during = receiver.next(PATIENCE);
    assertThat(signedWith(during, old)).isTrue();
    assertThat(signedWith(during, fresh)).isTrue();
    awaitAttempts(during.eventId(), 1);

    // A day later the old secret no longer signs; redelivery sends the very same event.
    clock.advance(Duration.ofHours(24).plusMinutes(1));
    Reply again = api("POST", "/api/v1/events/" + during.eventId() + "/redeliver", null);
    assertThat(again.status()).isEqualTo(200);
    Receiver.Received after = receiver.next(PATIENCE);
    assertThat(after.body()).isEqualTo(during.body());
    assertThat(after.eventId()).isEqualTo(during.eventId());
    assertThat(signedWith(after, fresh)).isTrue();
    assertThat(signedWith(after, old)).isFalse();
    assertThat(after.signature().split(",")).hasSize(2);
    assertThat(again.json().get("deliveries").get(0).get("attempt_log")).hasSize(2);
  }

  @Test
  void aRedeliveryWhileAnAttemptIsStillWaitingForItsAnswerIsSentAndItsOutcomeStands() {
    endpoint(List.of("payment.succeeded"));
    CountDownLatch firstAnswer = receiver.holdNextThenAnswer(500);
    paidPayment("6.50");
    Receiver.Received first = receiver.next(PATIENCE);

    // The first attempt is still waiting for its answer when an operator asks for it again.
    Reply again = api("POST", "/api/v1/events/" + first.eventId() + "/redeliver", null);
    assertThat(again.status()).isEqualTo(200);
    assertThat(receiver.next(PATIENCE).body()).isEqualTo(first.body());
    assertThat(again.json().get("deliveries").get(0).get("status").asString())
        .isEqualTo("SUCCEEDED");

    // The overtaken attempt's 500 is logged, but does not bring the delivery back to a retry.
    firstAnswer.countDown();
    awaitAttempts(first.eventId(), 2);
    JsonNode delivery = delivery(first.eventId());
    assertThat(delivery.get("status").asString()).isEqualTo("SUCCEEDED");
    List<Integer> codes = new ArrayList<>();
    delivery.get("attempt_log").forEach(a -> codes.add(a.get("status_code").asInt()));
    assertThat(codes).containsExactlyInAnyOrder(200, 500);
    clock.advance(Duration.ofMinutes(2));
    assertThat(dispatcher.sendDue()).isZero();
  }

  @Test
  void aReceiverTricklingItsReplyDoesNotHoldUpAnotherEndpoint() {
    endpoint(List.of("payment.succeeded"));
    Receiver.Trickle trickle = receiver.trickleNext();
    paidPayment("2.55");
    Receiver.Received trickled = receiver.next(PATIENCE);
    trickle.awaitStarted(PATIENCE);

    try (Receiver other = new Receiver()) {
      endpoint(other, List.of("payment.succeeded"));
      paidPayment("2.56");
      // The other endpoint hears of the next payment while the first reply still trickles...
      Receiver.Received heard = other.next(PATIENCE);
      assertThat(trickle.stillTrickling()).isTrue();
      // ...and so does the trickling endpoint, in another of its own slots.
      assertThat(receiver.next(PATIENCE).eventId()).isEqualTo(heard.eventId());
      assertThat(trickle.stillTrickling()).isTrue();
      awaitAttempts(heard.eventId(), 1);
      assertThat(event(heard.eventId()).get("deliveries"))
          .allSatisfy(d -> assertThat(d.get("status").asString()).isEqualTo("SUCCEEDED"));
    } finally {
      trickle.release();
    }
    // The trickled reply ends; its 200 stands.
    awaitAttempts(trickled.eventId(), 1);
    JsonNode attempt = delivery(trickled.eventId()).get("attempt_log").get(0);
    assertThat(attempt.get("status_code").asInt()).isEqualTo(200);
    assertThat(delivery(trickled.eventId()).get("status").asString()).isEqualTo("SUCCEEDED");
  }

  @Test
  void aSweepSendsEachEndpointsRetriesSideBySide() throws Exception {
    receiver.answer(500);
    endpoint(List.of("payment.succeeded"));
    try (Receiver other = new Receiver()) {
      other.answer(500);
      endpoint(other, List.of("payment.succeeded"));
      paidPayment("2.57");
      String eventId = receiver.next(PATIENCE).eventId();
      other.next(PATIENCE);
      awaitAttempts(eventId, 1);
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      while (event(eventId).get("deliveries").get(1).get("attempts").asInt() < 1) {
        assertThat(System.nanoTime()).as("the other endpoint's attempt").isLessThan(deadline);
        Thread.onSpinWait();
      }

      // Both retries are due; one endpoint trickles its answer.
      Receiver.Trickle trickle = receiver.trickleNext();
      other.answer(200);
      clock.advance(Duration.ofSeconds(61));
      java.util.concurrent.CompletableFuture<Integer> sweep =
          java.util.concurrent.CompletableFuture.supplyAsync(dispatcher::sendDue);
      try {
        receiver.next(PATIENCE);
        trickle.awaitStarted(PATIENCE);
        other.next(PATIENCE);
        assertThat(trickle.stillTrickling()).isTrue();
      } finally {
        trickle.release();
      }
      assertThat(sweep.get(PATIENCE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS))
          .isEqualTo(2);
      assertThat(event(eventId).get("deliveries"))
          .allSatisfy(d -> assertThat(d.get("status").asString()).isEqualTo("SUCCEEDED"));
    }
  }

  @Test
  void aReplyWithoutEndIsReadUpToTheCapAndTheAttemptRecorded() throws Exception {
    endpoint(List.of("payment.succeeded"));
    CountDownLatch ended = new CountDownLatch(1);
    java.util.concurrent.atomic.AtomicInteger written = receiver.endlessNext(ended);
    paidPayment("2.44");
    String eventId = receiver.next(PATIENCE).eventId();
    awaitAttempts(eventId, 1);

    JsonNode delivery = delivery(eventId);
    assertThat(delivery.get("status").asString()).isEqualTo("SUCCEEDED");
    JsonNode attempt = delivery.get("attempt_log").get(0);
    assertThat(attempt.get("status_code").asInt()).isEqualTo(200);
    assertThat(attempt.get("reply_excerpt").asString())
        .startsWith("xxxx")
        .endsWith("… (reply cut at 65536 bytes)");
    // PayGate hung up: the receiver's endless reply ended with a broken connection.
    assertThat(ended.await(PATIENCE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(written.get()).isGreaterThan(0);
  }

  @Test
  void aChangeThatRolledBackSendsNoEvent() {
    endpoint(List.of());
    String outTradeNo = createPayment("7.00", "page");
    try {
      transactions.executeWithoutResult(
          status -> {
            ChannelTrade trade =
                new ChannelTrade(
                    outTradeNo,
                    "2026" + System.nanoTime(),
                    TradeState.PAID,
                    Money.parse("7.00"),
                    "b***@example.com",
                    "2088000000000001",
                    clock.instant());
            assertThat(
                    reconciler.apply(
                        payments.lock(outTradeNo).orElseThrow(), trade, null, clock.instant()))
                .isInstanceOf(TradeReconciler.Result.Changed.class);
            throw new IllegalStateException("the rest of the transaction failed");
          });
    } catch (IllegalStateException expected) {
      // rolled back
    }
    assertThat(payment(outTradeNo).get("status").asString()).isEqualTo("PENDING");
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM events WHERE out_trade_no = ?")
                .param(outTradeNo)
                .query(Integer.class)
                .single())
        .isZero();
    assertThat(api("GET", "/api/v1/events?payment=" + outTradeNo, null).json().get("data"))
        .isEmpty();
    // The same change, committed, is told.
    assertThat(payAsBuyer(openCashierAndGet(outTradeNo)).status()).isEqualTo(200);
    assertThat(JSON.readTree(receiver.next(PATIENCE).body()).get("type").asString())
        .isEqualTo("payment.succeeded");
  }

  private String openCashierAndGet(String outTradeNo) {
    openCashier(outTradeNo);
    return outTradeNo;
  }

  @Test
  void endpointsMustBeHttpAndNotInsideTheNetwork() {
    for (String url :
        new String[] {
          "ftp://example.com/hook",
          "http://169.254.169.254/latest/meta-data",
          "http://10.0.0.8/hook",
          "http://192.168.1.2/hook",
          "http://[fd00::1]/hook",
          "not a url",
          ""
        }) {
      Reply refused = api("POST", "/api/v1/webhook-endpoints", Map.of("url", url));
      assertThat(refused.status()).as(url).isEqualTo(400);
      assertThat(refused.json().get("code").asString()).as(url).isEqualTo("VALIDATION_FAILED");
    }
    Reply unknown =
        api(
            "POST",
            "/api/v1/webhook-endpoints",
            Map.of("url", receiver.url(), "events", List.of("payment.maybe")));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(api("GET", "/api/v1/webhook-endpoints", null).json()).isEmpty();

    JsonNode made = endpoint(List.of("refund.succeeded"));
    String id = made.get("id").asString();
    assertThat(api("GET", "/api/v1/webhook-endpoints/" + id, null).json().get("secret")).isNull();
    assertThat(api("DELETE", "/api/v1/webhook-endpoints/" + id, null).status()).isEqualTo(204);
    assertThat(api("GET", "/api/v1/webhook-endpoints/" + id, null).status()).isEqualTo(404);
  }

  @Test
  void deletingAnEndpointEndsItsWaitingRetries() {
    receiver.answer(500);
    String id = endpoint(List.of("payment.succeeded")).get("id").asString();
    paidPayment("2.22");
    String eventId = receiver.next(PATIENCE).eventId();
    awaitAttempts(eventId, 1);
    assertThat(delivery(eventId).get("status").asString()).isEqualTo("PENDING");

    assertThat(api("DELETE", "/api/v1/webhook-endpoints/" + id, null).status()).isEqualTo(204);
    assertThat(delivery(eventId).get("status").asString()).isEqualTo("FAILED");
    clock.advance(Duration.ofMinutes(2));
    assertThat(dispatcher.sendDue()).isZero();
    assertThat(receiver.pending()).isZero();
  }

  @Test
  void anAttemptStillWaitingWhenItsEndpointIsDeletedDoesNotPutTheDeliveryBackOnTheSchedule() {
    String id = endpoint(List.of("payment.succeeded")).get("id").asString();
    CountDownLatch answer = receiver.holdNextThenAnswer(500);
    paidPayment("2.33");
    String eventId = receiver.next(PATIENCE).eventId();

    // Deleted while the receiver still holds the attempt; its 500 comes in afterwards.
    assertThat(api("DELETE", "/api/v1/webhook-endpoints/" + id, null).status()).isEqualTo(204);
    answer.countDown();
    awaitAttempts(eventId, 1);
    assertThat(delivery(eventId).get("status").asString()).isEqualTo("FAILED");
    clock.advance(Duration.ofMinutes(2));
    assertThat(dispatcher.sendDue()).isZero();
  }

  @Test
  void anAdminManagesEndpointsInTheConsoleSeeingEachSecretOnce() {
    ConsoleSession admin = logInAsAdmin();
    ConsoleSession.Page added =
        admin.submit(
            "/webhooks",
            "/webhooks/endpoints",
            Map.of("url", receiver.url(), "events", "refund.succeeded"));
    assertThat(added.status()).isEqualTo(302);
    String page = admin.get("/webhooks").body();
    java.util.regex.Matcher secret =
        java.util.regex.Pattern.compile("id=\"secret\">(whsec_[^<]+)<").matcher(page);
    assertThat(secret.find()).isTrue();
    String first = secret.group(1);
    assertThat(admin.get("/webhooks").body()).doesNotContain(first).contains(receiver.url());
    JsonNode listed = api("GET", "/api/v1/webhook-endpoints", null).json();
    String id =
        listed
            .valueStream()
            .filter(e -> e.get("url").asString().equals(receiver.url()))
            .findFirst()
            .orElseThrow()
            .get("id")
            .asString();
    endpoints.add(id);
    assertThat(listed.toString()).contains("refund.succeeded").doesNotContain(first);

    // An operator may redeliver, but not manage endpoints.
    ConsoleSession operator = operatorWithRole("OPERATOR");
    assertThat(
            operator
                .submit("/webhooks", "/webhooks/endpoints", Map.of("url", receiver.url()))
                .status())
        .isEqualTo(403);
    assertThat(
            admin
                .submit(
                    "/webhooks",
                    "/webhooks/endpoints",
                    Map.of("url", "http://169.254.169.254/latest/meta-data"))
                .status())
        .isEqualTo(400);

    assertThat(
            admin.submit("/webhooks", "/webhooks/endpoints/" + id + "/rotate", Map.of()).status())
        .isEqualTo(302);
    java.util.regex.Matcher rotated =
        java.util.regex.Pattern.compile("id=\"secret\">(whsec_[^<]+)<")
            .matcher(admin.get("/webhooks").body());
    assertThat(rotated.find()).isTrue();
    assertThat(rotated.group(1)).isNotEqualTo(first);
    assertThat(
            admin.submit("/webhooks", "/webhooks/endpoints/" + id + "/delete", Map.of()).status())
        .isEqualTo(302);
    assertThat(api("GET", "/api/v1/webhook-endpoints/" + id, null).status()).isEqualTo(404);
  }

  /** Waits for the asynchronous first attempt to be recorded. */
  private void awaitAttempts(String eventId, int attempts) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (delivery(eventId).get("attempts").asInt() < attempts) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("attempt " + attempts + " of " + eventId + " not recorded");
      }
      Thread.onSpinWait();
    }
  }
}
