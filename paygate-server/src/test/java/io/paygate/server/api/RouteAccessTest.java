package io.paygate.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paygate.server.ServerTestSupport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Who may call what on the API, decided by Spring Security on the route the router matched: the
 * attacks of issue 17 (a path spelled another way than the check read it) and the refusals' form.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class RouteAccessTest extends ServerTestSupport {

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    serverProperties(registry, "routeaccess");
  }

  @Autowired JdbcClient jdbc;

  static final List<String> TABLES =
      List.of(
          "api_keys",
          "webhook_endpoints",
          "payments",
          "refunds",
          "reconciliations",
          "events",
          "idempotency_keys");

  Map<String, Integer> rows() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String table : TABLES) {
      counts.put(table, jdbc.sql("SELECT COUNT(*) FROM " + table).query(Integer.class).single());
    }
    return counts;
  }

  String key(String scope) {
    Reply made =
        api(
            "POST",
            "/api/v1/api-keys",
            Map.of("name", scope + " " + UUID.randomUUID(), "scope", scope));
    assertThat(made.status()).as(made.body()).isEqualTo(201);
    return made.json().get("key").asString();
  }

  Reply call(String key, String method, String rawPath, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base() + rawPath))
            .header("Idempotency-Key", UUID.randomUUID().toString());
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json");
      request.method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return send(request.build());
  }

  static void assertProblem(Reply reply, int status, String code) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    assertThat(reply.json().get("code").asString()).isEqualTo(code);
  }

  @Test
  void aWriteKeyCannotMintAKeyThroughAnEncodedLetterAndAReadKeyCannotListThem() {
    String write = key("write");
    String read = key("read");
    Map<String, Integer> before = rows();

    Reply minted =
        call(write, "POST", "/api/v1/%61pi-keys", "{\"name\":\"mine\",\"scope\":\"admin\"}");
    assertProblem(minted, 400, "NON_CANONICAL_PATH");
    assertThat(minted.body()).doesNotContain("pgk_");
    Reply listed = call(read, "GET", "/api/v1/%61pi-keys", null);
    assertProblem(listed, 400, "NON_CANONICAL_PATH");
    assertThat(listed.body()).doesNotContain("\"prefix\"");
    // Plainly written, the route's own declaration refuses them.
    Reply plain =
        call(write, "POST", "/api/v1/api-keys", "{\"name\":\"mine\",\"scope\":\"admin\"}");
    assertProblem(plain, 403, "SCOPE_REQUIRED");
    assertThat(plain.json().get("detail").asString()).contains("write").contains("admin");
    assertProblem(call(read, "GET", "/api/v1/api-keys", null), 403, "SCOPE_REQUIRED");

    assertThat(rows()).isEqualTo(before);
  }

  @Test
  void everySpellingTheFirewallKnowsIsA400ProblemNotAPage() {
    String admin = key("admin");
    Map<String, Integer> before = rows();
    for (String path :
        List.of(
            "/api/v1//api-keys",
            "/api/v1/./api-keys",
            "/api/v1/x/../api-keys",
            "/api/v1/api-keys;x=1",
            "/api;x=1/v1/api-keys",
            "/api/v1/%2e/api-keys",
            "/api/v1/api%2Dkeys",
            "/api/v1/api-key%73",
            "/api/v1/%7e",
            "/API/v1/api-keys",
            "/Api/v1/payments")) {
      Reply reply = call(admin, "POST", path, "{\"name\":\"x\",\"scope\":\"admin\"}");
      assertProblem(reply, 400, "NON_CANONICAL_PATH");
    }
    assertThat(rows()).isEqualTo(before);
  }

  @Test
  void aBackslashIsRefusedWithAProblemToo() throws IOException {
    try (Socket socket = new Socket("localhost", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET /api/v1\\api-keys HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                  + API_KEY
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 400").doesNotContain("\"prefix\"");
    }
  }

  @Test
  void noKeyIsA401WithTheBearerChallengeAndAnUnknownRouteNeedsAKeyToo() {
    for (String path : List.of("/api/v1/api-keys", "/api/v1/payments", "/api/v1/nothing-here")) {
      Reply reply = call(null, "GET", path, null);
      assertProblem(reply, 401, "UNAUTHORIZED");
      assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer");
    }
    assertProblem(call(key("read"), "GET", "/api/v1/nothing-here", null), 404, "NOT_FOUND");
  }

  @Test
  void methodSecurityChecksTheSameDeclarationWhenTheHandlerRuns(
      @Autowired io.paygate.server.apikeys.ApiKeyApiController keys) {
    SecurityContextHolder.getContext()
        .setAuthentication(
            UsernamePasswordAuthenticationToken.authenticated(
                "reader", null, AuthorityUtils.createAuthorityList("SCOPE_read", "SCOPE_write")));
    try {
      assertThatThrownBy(keys::list).isInstanceOf(AccessDeniedException.class);
    } finally {
      SecurityContextHolder.clearContext();
    }
  }

  @Test
  void aRefusedPostWithAnIdempotencyKeyLeavesNoKeyBehind() {
    String read = key("read");
    Map<String, Integer> before = rows();
    Reply refused =
        call(
            read,
            "POST",
            "/api/v1/payments",
            "{\"total_amount\":\"1.00\",\"subject\":\"x\",\"product\":\"page\"}");
    assertProblem(refused, 403, "SCOPE_REQUIRED");
    assertThat(refused.json().get("detail").asString()).contains("needs write");
    assertThat(rows()).isEqualTo(before);
  }
}
