package io.paygate.server.apikeys;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.server.ConsoleSession;
import io.paygate.server.SharedServerTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** API keys made through the API: scopes, revocation at once, and keys never shown twice. */
class ApiKeysTest extends SharedServerTest {

  @Autowired JdbcClient jdbc;

  private JsonNode made(String scope) {
    Reply made =
        api(
            "POST",
            "/api/v1/api-keys",
            Map.of("name", scope + " key " + UUID.randomUUID(), "scope", scope));
    assertThat(made.status()).as(made.body()).isEqualTo(201);
    return made.json();
  }

  private Reply as(String key, String method, String path, String body, String idempotencyKey) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base() + path)).header("Authorization", "Bearer " + key);
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json");
      request.method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return send(request.build());
  }

  private int paymentsWithSubject(String subject) {
    return jdbc.sql("SELECT COUNT(*) FROM payments WHERE subject = ?")
        .param(subject)
        .query(Integer.class)
        .single();
  }

  private static String order(String subject) {
    return "{\"total_amount\":\"1.00\",\"subject\":\"" + subject + "\",\"product\":\"page\"}";
  }

  @Test
  void aReadKeyReadsButCannotWriteAndAWriteKeyCannotAdminister() {
    String read = made("read").get("key").asString();
    String write = made("write").get("key").asString();
    String outTradeNo = createPayment("2.00", "page");
    String subject = "scope " + UUID.randomUUID();

    assertThat(as(read, "GET", "/api/v1/payments/" + outTradeNo, null, null).status())
        .isEqualTo(200);
    Reply refused = as(read, "POST", "/api/v1/payments", order(subject), null);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().get("code").asString()).isEqualTo("SCOPE_REQUIRED");
    assertThat(refused.json().get("detail").asString()).contains("read").contains("write");
    assertThat(as(read, "POST", "/api/v1/payments/" + outTradeNo + "/close", null, null).status())
        .isEqualTo(403);
    assertThat(payment(outTradeNo).get("status").asString()).isEqualTo("PENDING");
    assertThat(paymentsWithSubject(subject)).isZero();

    assertThat(as(write, "POST", "/api/v1/payments", order(subject), null).status()).isEqualTo(201);
    for (String path : new String[] {"/api/v1/api-keys", "/api/v1/webhook-endpoints"}) {
      assertThat(as(write, "GET", path, null, null).status()).as(path).isEqualTo(403);
      assertThat(as(write, "POST", path, "{}", null).status()).as(path).isEqualTo(403);
    }
    String admin = made("admin").get("key").asString();
    assertThat(as(admin, "GET", "/api/v1/api-keys", null, null).status()).isEqualTo(200);
  }

  @Test
  void aKeyIsShownOnceStoredHashedAndRevokedAtOnce() {
    JsonNode made = made("write");
    String key = made.get("key").asString();
    String id = made.get("id").asString();
    assertThat(key).startsWith("pgk_").hasSizeGreaterThan(40);
    assertThat(made.get("scope").asString()).isEqualTo("write");

    String listed = api("GET", "/api/v1/api-keys", null).body();
    assertThat(listed).contains(id).doesNotContain(key);
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM api_keys WHERE key_hash = ? OR key_prefix = ?")
                .params(key, key)
                .query(Integer.class)
                .single())
        .isZero();

    assertThat(as(key, "GET", "/api/v1/payments/NONE", null, null).status()).isEqualTo(404);
    assertThat(api("DELETE", "/api/v1/api-keys/" + id, null).status()).isEqualTo(204);
    Reply after = as(key, "GET", "/api/v1/payments/NONE", null, null);
    assertThat(after.status()).isEqualTo(401);
    assertThat(after.json().get("code").asString()).isEqualTo("UNAUTHORIZED");
    assertThat(api("DELETE", "/api/v1/api-keys/" + id, null).status()).isEqualTo(404);
    assertThat(api("GET", "/api/v1/api-keys", null).body()).doesNotContain(id);
  }

  @Test
  void anAdminMakesAndRevokesKeysInTheConsoleAndOthersCannot() {
    ConsoleSession admin = logInAsAdmin();
    String name = "console key " + UUID.randomUUID();
    ConsoleSession.Page made =
        admin.submit("/api-keys", "/api-keys", Map.of("name", name, "scope", "read"));
    assertThat(made.status()).isEqualTo(302);
    String shown = admin.get("/api-keys").body();
    java.util.regex.Matcher key =
        java.util.regex.Pattern.compile("id=\"new-key\">(pgk_[^<]+)<").matcher(shown);
    assertThat(key.find()).isTrue();
    String secret = key.group(1);
    // Once: the next look at the page no longer has it.
    assertThat(admin.get("/api-keys").body()).contains(name).doesNotContain(secret);
    assertThat(as(secret, "GET", "/api/v1/payments?limit=1", null, null).status()).isEqualTo(200);

    String id =
        api("GET", "/api/v1/api-keys", null)
            .json()
            .valueStream()
            .filter(k -> k.get("name").asString().equals(name))
            .findFirst()
            .orElseThrow()
            .get("id")
            .asString();
    assertThat(operatorWithRole("OPERATOR").get("/api-keys").status()).isEqualTo(403);
    assertThat(admin.submit("/api-keys", "/api-keys/" + id + "/revoke", Map.of()).status())
        .isEqualTo(302);
    assertThat(as(secret, "GET", "/api/v1/payments?limit=1", null, null).status()).isEqualTo(401);
  }

  @Test
  void aBadScopeOrNameIsRefusedAndMakesNoKey() {
    int before = api("GET", "/api/v1/api-keys", null).json().size();
    assertThat(api("POST", "/api/v1/api-keys", Map.of("name", "x", "scope", "root")).status())
        .isEqualTo(400);
    assertThat(api("POST", "/api/v1/api-keys", Map.of("scope", "read")).status()).isEqualTo(400);
    assertThat(api("GET", "/api/v1/api-keys", null).json().size()).isEqualTo(before);
  }

  @Test
  void idempotencyKeysBelongToTheApiKeyThatSentThem() {
    String one = made("write").get("key").asString();
    String two = made("write").get("key").asString();
    String idempotencyKey = UUID.randomUUID().toString();
    String subject = "two shops' keys " + idempotencyKey;
    Reply first = as(one, "POST", "/api/v1/payments", order(subject), idempotencyKey);
    Reply second = as(two, "POST", "/api/v1/payments", order(subject), idempotencyKey);
    assertThat(first.status()).isEqualTo(201);
    assertThat(second.status()).isEqualTo(201);
    assertThat(second.header("Idempotent-Replayed")).isNull();
    assertThat(paymentsWithSubject(subject)).isEqualTo(2);
  }
}
