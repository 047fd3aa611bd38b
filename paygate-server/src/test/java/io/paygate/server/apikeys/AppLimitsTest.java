package io.paygate.server.apikeys;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.core.payments.PaymentEvent;
import io.paygate.server.SharedServerTest;
import io.paygate.server.payments.JdbcPaymentRepository;
import io.paygate.server.webhooks.EventOutbox;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A key limited to apps, everywhere: it makes no key or webhook endpoint broader than itself, sees
 * and manages only its apps' keys, endpoints and events, and no answer tells it that another app's
 * payment exists. The test server has one app ({@code default}); "another app's payment" is a real
 * payment, paid and refunded, whose app is then set to {@code other}, as a second app's would be.
 */
class AppLimitsTest extends SharedServerTest {

  @Autowired JdbcClient jdbc;
  @Autowired EventOutbox outbox;
  @Autowired JdbcPaymentRepository paymentRepository;
  @Autowired TransactionTemplate transactions;

  private String limitedAdmin;

  @BeforeEach
  void aKeyLimitedToTheDefaultApp() {
    limitedAdmin = key(API_KEY, "admin", List.of("default")).get("key").asString();
  }

  private JsonNode key(String maker, String scope, List<String> apps) {
    Reply made =
        apiWithKey(
            maker,
            "POST",
            "/api/v1/api-keys",
            Map.of("name", "key " + UUID.randomUUID(), "scope", scope, "apps", apps));
    assertThat(made.status()).as(made.body()).isEqualTo(201);
    return made.json();
  }

  private int count(String table) {
    return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Integer.class).single();
  }

  private static void assertProblem(Reply reply, int status, String code) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    assertThat(reply.json().get("code").asString()).isEqualTo(code);
  }

  /** A paid payment of the app {@code other}, with a refund and its events. */
  private String anotherAppsRefundedPayment() {
    String outTradeNo = paidPayment("3.00");
    Reply refunded = refundPayment(outTradeNo, "1.00", "R" + outTradeNo);
    assertThat(refunded.status()).as(refunded.body()).isEqualTo(201);
    jdbc.sql("UPDATE payments SET app = 'other' WHERE out_trade_no = ?").param(outTradeNo).update();
    return outTradeNo;
  }

  @Test
  void anAppLimitedAdminMakesNoKeyBroaderThanItselfAndManagesOnlyItsAppsKeys() {
    int keys = count("api_keys");
    for (List<String> apps : List.of(List.<String>of(), List.of("default", "other"))) {
      Reply wider =
          apiWithKey(
              limitedAdmin,
              "POST",
              "/api/v1/api-keys",
              Map.of("name", "wider", "scope", "read", "apps", apps));
      assertThat(wider.status()).as(wider.body()).isIn(400, 403);
      assertThat(wider.body()).doesNotContain("pgk_");
    }
    Reply unlimited =
        apiWithKey(
            limitedAdmin, "POST", "/api/v1/api-keys", Map.of("name", "every app", "scope", "read"));
    assertProblem(unlimited, 403, "KEY_TOO_BROAD");
    assertThat(unlimited.json().get("field").asString()).isEqualTo("apps");
    assertThat(count("api_keys")).isEqualTo(keys);

    JsonNode narrow = key(limitedAdmin, "write", List.of("default"));
    JsonNode everyApp = key(API_KEY, "read", List.of());
    String listed = apiWithKey(limitedAdmin, "GET", "/api/v1/api-keys", null).body();
    assertThat(listed)
        .contains(narrow.get("id").asString())
        .doesNotContain(everyApp.get("id").asString());
    assertProblem(
        apiWithKey(
            limitedAdmin, "DELETE", "/api/v1/api-keys/" + everyApp.get("id").asString(), null),
        404,
        "API_KEY_NOT_FOUND");
    assertThat(apiWithKey(everyApp.get("key").asString(), "GET", "/api/v1/payments", null).status())
        .isEqualTo(200);
    assertThat(api("GET", "/api/v1/api-keys", null).body()).contains(everyApp.get("id").asString());
  }

  @Test
  void webhookEndpointsAreLimitedToAppsAndHearOnlyThoseAppsEvents() {
    int endpoints = count("webhook_endpoints");
    assertProblem(
        apiWithKey(
            limitedAdmin,
            "POST",
            "/api/v1/webhook-endpoints",
            Map.of("url", "http://localhost:9/every-app")),
        403,
        "APP_NOT_ALLOWED");
    Reply unknown =
        api(
            "POST",
            "/api/v1/webhook-endpoints",
            Map.of("url", "http://localhost:9/x", "apps", List.of("nope")));
    assertProblem(unknown, 400, "VALIDATION_FAILED");
    assertThat(unknown.json().get("field").asString()).isEqualTo("apps");
    assertThat(count("webhook_endpoints")).isEqualTo(endpoints);

    Reply limited =
        apiWithKey(
            limitedAdmin,
            "POST",
            "/api/v1/webhook-endpoints",
            Map.of("url", "http://localhost:9/default-only", "apps", List.of("default")));
    assertThat(limited.status()).as(limited.body()).isEqualTo(201);
    assertThat(limited.json().get("apps").toString()).isEqualTo("[\"default\"]");
    String limitedId = limited.json().get("id").asString();
    Reply every =
        api("POST", "/api/v1/webhook-endpoints", Map.of("url", "http://localhost:9/every-app"));
    assertThat(every.status()).isEqualTo(201);
    assertThat(every.json().get("apps").toString()).isEqualTo("[\"default\"]");
    String everyId = every.json().get("id").asString();

    // The limited key sees and manages its endpoint only.
    String listed = apiWithKey(limitedAdmin, "GET", "/api/v1/webhook-endpoints", null).body();
    assertThat(listed).contains(limitedId).doesNotContain(everyId);
    for (String[] call :
        new String[][] {
          {"GET", "/api/v1/webhook-endpoints/" + everyId},
          {"POST", "/api/v1/webhook-endpoints/" + everyId + "/rotate-secret"},
          {"DELETE", "/api/v1/webhook-endpoints/" + everyId}
        }) {
      assertProblem(
          apiWithKey(limitedAdmin, call[0], call[1], null), 404, "WEBHOOK_ENDPOINT_NOT_FOUND");
    }
    assertThat(api("GET", "/api/v1/webhook-endpoints/" + everyId, null).status()).isEqualTo(200);

    // An event of another app's payment goes to the endpoint of every app, not the limited one.
    String other = anotherAppsRefundedPayment();
    transactions.executeWithoutResult(
        status ->
            outbox.on(
                new PaymentEvent.AttentionRaised(paymentRepository.find(other).orElseThrow())));
    String eventId =
        jdbc.sql("SELECT id FROM events WHERE out_trade_no = ? AND type = ?")
            .params(other, "payment.needs_attention")
            .query(String.class)
            .single();
    assertThat(deliveries(eventId, everyId)).isEqualTo(1);
    assertThat(deliveries(eventId, limitedId)).isZero();

    api("DELETE", "/api/v1/webhook-endpoints/" + everyId, null);
    api("DELETE", "/api/v1/webhook-endpoints/" + limitedId, null);
  }

  private int deliveries(String eventId, String endpointId) {
    return jdbc.sql(
            "SELECT COUNT(*) FROM webhook_deliveries WHERE event_id = ? AND endpoint_id = ?")
        .params(eventId, endpointId)
        .query(Integer.class)
        .single();
  }

  @Test
  void anotherAppsEventsAndRefundsDoNotExistForALimitedKey() {
    String other = anotherAppsRefundedPayment();
    String event =
        jdbc.sql("SELECT id FROM events WHERE out_trade_no = ? FETCH FIRST 1 ROWS ONLY")
            .param(other)
            .query(String.class)
            .single();

    String ownEvents = apiWithKey(limitedAdmin, "GET", "/api/v1/events?limit=100", null).body();
    assertThat(ownEvents).doesNotContain(other);
    assertThat(api("GET", "/api/v1/events?limit=100", null).body()).contains(other);
    assertProblem(
        apiWithKey(limitedAdmin, "GET", "/api/v1/events/" + event, null), 404, "EVENT_NOT_FOUND");
    assertProblem(
        apiWithKey(limitedAdmin, "POST", "/api/v1/events/" + event + "/redeliver", null),
        404,
        "EVENT_NOT_FOUND");
    assertProblem(
        apiWithKey(limitedAdmin, "GET", "/api/v1/events?starting_after=" + event, null),
        404,
        "EVENT_NOT_FOUND");
    assertThat(
            apiWithKey(limitedAdmin, "GET", "/api/v1/events?payment=" + other, null)
                .json()
                .get("data")
                .size())
        .isZero();

    // starting_after of another app's refund answers as one of a payment that does not exist.
    Reply cursor =
        apiWithKey(
            limitedAdmin, "GET", "/api/v1/refunds?starting_after=" + other + "/R" + other, null);
    Reply none = apiWithKey(limitedAdmin, "GET", "/api/v1/refunds?starting_after=NOPE/R1", null);
    assertProblem(cursor, 404, "PAYMENT_NOT_FOUND");
    assertProblem(none, 404, "PAYMENT_NOT_FOUND");
    assertThat(cursor.json().get("detail").asString())
        .isEqualTo(none.json().get("detail").asString().replace("NOPE", other));
    assertThat(api("GET", "/api/v1/refunds?starting_after=" + other + "/R" + other, null).status())
        .isEqualTo(200);
  }

  @Test
  void reconciliationsAreOfTheKeysAppsOnly() {
    Reply own =
        apiWithKey(limitedAdmin, "GET", "/api/v1/reconciliations/2026-01-01?app=default", null);
    assertThat(own.status()).as(own.body()).isIn(200, 404);
    if (own.status() == 404) {
      assertThat(own.json().get("code").asString()).isEqualTo("RECONCILIATION_NOT_FOUND");
    }
    String readKey = key(limitedAdmin, "read", List.of("default")).get("key").asString();
    assertThat(apiWithKey(readKey, "GET", "/api/v1/reconciliations/2026-01-01", null).status())
        .isIn(200, 404);
  }
}
