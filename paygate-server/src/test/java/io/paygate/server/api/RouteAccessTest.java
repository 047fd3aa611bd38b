package io.paygate.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paygate.server.SharedServerTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * Who may call what on the API, decided by Spring Security on the route the router matched: the
 * attacks of issue 17 (a path spelled another way than the check read it) and the refusals' form.
 */
class RouteAccessTest extends SharedServerTest {

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
            "/api/v1/payments/P%31",
            "/API/v1/api-keys",
            "/Api/v1/payments")) {
      Reply reply = call(admin, "POST", path, "{\"name\":\"x\",\"scope\":\"admin\"}");
      assertProblem(reply, 400, "NON_CANONICAL_PATH");
    }
    assertThat(rows()).isEqualTo(before);
    // An encoded ~ is what Java's URLEncoder writes: let through, and routed as the number it is.
    assertProblem(call(admin, "GET", "/api/v1/payments/P%7E1", null), 404, "PAYMENT_NOT_FOUND");
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

  // ---- The matrix: every /api route x every credential x every spelling of its path. ----

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping routes;

  /** A route of the API as the router holds it, with the scope the README's table gives it. */
  record Route(String method, String pattern, String query, String declared, Method handler) {}

  /**
   * The README's table, written out independently of the annotations: keys, webhook endpoints and
   * redelivery are admin's; every other read is read's and every other write is write's.
   */
  static String documented(String method, String pattern) {
    if (pattern.startsWith("/api/v1/api-keys")
        || pattern.startsWith("/api/v1/webhook-endpoints")
        || pattern.endsWith("/redeliver")) {
      return "admin";
    }
    return method.equals("GET") || pattern.equals("/api/**") ? "read" : "write";
  }

  List<Route> apiRoutes() {
    List<Route> found = new ArrayList<>();
    routes
        .getHandlerMethods()
        .forEach(
            (info, handler) -> {
              if (!handler.getBeanType().isAnnotationPresent(ApiController.class)) {
                return;
              }
              Set<String> methods = new TreeSet<>();
              info.getMethodsCondition().getMethods().forEach(m -> methods.add(m.name()));
              if (methods.isEmpty()) {
                methods.addAll(List.of("GET", "POST", "DELETE"));
              }
              String query =
                  info.getParamsCondition().getExpressions().stream()
                      .filter(e -> !e.isNegated())
                      .map(e -> e.getName() + "={" + e.getName() + "}")
                      .reduce((a, b) -> a + "&" + b)
                      .map(q -> "?" + q)
                      .orElse("");
              for (String pattern : info.getPatternValues()) {
                for (String method : methods) {
                  found.add(
                      new Route(
                          method,
                          pattern,
                          query,
                          RouteAuthorization.scopeOf(handler.getMethod()),
                          handler.getMethod()));
                }
              }
            });
    return found;
  }

  enum Credential {
    NONE(null),
    BAD(null),
    READ("read"),
    WRITE("write"),
    ADMIN("admin"),
    APP_LIMITED_ADMIN("admin");

    final String scope;

    Credential(String scope) {
      this.scope = scope;
    }

    boolean covers(String needed) {
      List<String> order = List.of("read", "write", "admin");
      return scope != null && order.indexOf(scope) >= order.indexOf(needed);
    }
  }

  enum Spelling {
    PLAIN,
    ENCODED_LETTER,
    DOUBLED_SLASH,
    DOT_SEGMENT,
    MATRIX_PARAMETER,
    TRAILING_SLASH,
    UPPER_CASE_SEGMENT;

    /** The path spelled this way; the resource segment is the one after {@code /api/v1/}. */
    String spell(String path) {
      String head = "/api/v1/";
      String rest = path.substring(head.length());
      int slash = rest.indexOf('/');
      String segment = slash < 0 ? rest : rest.substring(0, slash);
      String tail = slash < 0 ? "" : rest.substring(slash);
      return switch (this) {
        case PLAIN -> path;
        case ENCODED_LETTER ->
            head + String.format("%%%02x", (int) segment.charAt(0)) + segment.substring(1) + tail;
        case DOUBLED_SLASH -> head + "/" + rest;
        case DOT_SEGMENT -> head + "./" + rest;
        case MATRIX_PARAMETER -> head + segment + ";x=1" + tail;
        case TRAILING_SLASH -> path + "/";
        case UPPER_CASE_SEGMENT -> head + segment.toUpperCase(Locale.ROOT) + tail;
      };
    }
  }

  /** What a route's variables name, for one credential: real things, so a refusal means it. */
  record Things(
      String payment, String refund, String tradeNo, String event, String endpoint, String key) {

    String fill(String template) {
      String path = template.equals("/api/**") ? "/api/v1/no-such-route" : template;
      String id =
          path.startsWith("/api/v1/api-keys")
              ? key
              : path.startsWith("/api/v1/webhook-endpoints") ? endpoint : event;
      return path.replace("{outTradeNo}", payment)
          .replace("{outRequestNo}", refund)
          .replace("{trade_no}", tradeNo)
          .replace("{billDate}", "2026-01-01")
          .replace("{id}", id);
    }
  }

  /**
   * A body that a key of every app may send but a key limited to the default app may not (another
   * app, or no app limit); for the other credentials the route's scope refuses it first.
   */
  static String body(Route route) {
    if (!route.method().equals("POST")) {
      return null;
    }
    return switch (route.pattern()) {
      case "/api/v1/payments" ->
          "{\"total_amount\":\"1.00\",\"subject\":\"matrix\",\"product\":\"page\",\"app\":\"other\"}";
      case "/api/v1/payments/{outTradeNo}/refunds" ->
          "{\"refund_amount\":\"0.01\",\"out_request_no\":\"MATRIX\"}";
      case "/api/v1/reconciliations" -> "{\"bill_date\":\"2026-01-01\",\"app\":\"other\"}";
      case "/api/v1/api-keys" -> "{\"name\":\"matrix\",\"scope\":\"admin\"}";
      case "/api/v1/webhook-endpoints" -> "{\"url\":\"http://localhost:9/matrix\"}";
      default -> "{}";
    };
  }

  @Test
  void everyRouteForEveryCredentialInEverySpellingIsRefusedWhereItMustBeAndChangesNothing() {
    List<Route> all = apiRoutes();
    // Each route declares the scope the README's table gives it.
    for (Route route : all) {
      assertThat(route.declared())
          .as(route.method() + " " + route.pattern() + " (" + route.handler() + ")")
          .isEqualTo(documented(route.method(), route.pattern()));
    }
    assertThat(all.stream().map(Route::pattern))
        .contains(
            "/api/v1/payments",
            "/api/v1/payments/{outTradeNo}/refunds",
            "/api/v1/payments/{outTradeNo}/app-result",
            "/api/v1/buyer-identities",
            "/api/v1/refunds",
            "/api/v1/reconciliations",
            "/api/v1/events/{id}/redeliver",
            "/api/v1/webhook-endpoints/{id}/rotate-secret",
            "/api/v1/api-keys/{id}",
            "/api/**");

    Things ours = things("default");
    Things theirs = things("other");
    Map<Credential, String> keys = new EnumMap<>(Credential.class);
    keys.put(Credential.BAD, "pgk_not-a-key-" + UUID.randomUUID());
    keys.put(Credential.READ, key("read"));
    keys.put(Credential.WRITE, key("write"));
    keys.put(Credential.ADMIN, key("admin"));
    Reply limited =
        api(
            "POST",
            "/api/v1/api-keys",
            Map.of("name", "limited", "scope", "admin", "apps", List.of("default")));
    keys.put(Credential.APP_LIMITED_ADMIN, limited.json().get("key").asString());

    List<String> failures = new ArrayList<>();
    int calls = 0;
    for (Route route : all) {
      for (Credential credential : Credential.values()) {
        boolean limitedAdmin = credential == Credential.APP_LIMITED_ADMIN;
        Things things = limitedAdmin ? theirs : ours;
        String path = things.fill(route.pattern());
        String query = things.fill(route.query());
        if (limitedAdmin && route.pattern().startsWith("/api/v1/reconciliations/")) {
          query = "?app=other";
        }
        for (Spelling spelling : Spelling.values()) {
          boolean mayCall = credential.covers(route.declared());
          boolean fallback = route.pattern().equals("/api/**");
          if (spelling == Spelling.PLAIN && mayCall && !limitedAdmin && !fallback) {
            continue; // allowed, and it would change things: the other tests make these calls
          }
          Map<String, Integer> before = rows();
          Reply reply =
              call(keys.get(credential), route.method(), spelling.spell(path) + query, body(route));
          calls++;
          String what =
              credential
                  + " "
                  + route.method()
                  + " "
                  + spelling.spell(path)
                  + query
                  + " -> "
                  + reply.status()
                  + " "
                  + reply.body();
          Set<Integer> expected =
              expected(credential, spelling, route, mayCall, limitedAdmin, fallback);
          if (!expected.contains(reply.status())) {
            failures.add("expected " + expected + ": " + what);
          }
          if (reply.status() >= 400
              && !String.valueOf(reply.contentType()).startsWith("application/problem+json")) {
            failures.add("not a problem detail: " + what);
          }
          if (reply.status() == 200) {
            // Only the app-limited admin's listings answer: never with another app's things.
            for (String other :
                List.of(
                    theirs.payment(), theirs.event(), theirs.endpoint(), theirs.key(), "other")) {
              if (reply.body().contains(other)) {
                failures.add("shows another app's " + other + ": " + what);
              }
            }
          }
          Map<String, Integer> after = rows();
          if (limitedAdmin && spelling == Spelling.PLAIN && !fallback) {
            // A handler's own refusal (another app's thing) is a final answer, which the
            // Idempotency-Key keeps to replay, as it keeps every 4xx: the caller's own key only.
            after.put("idempotency_keys", before.get("idempotency_keys"));
          }
          if (!after.equals(before)) {
            failures.add("changed " + before + " to " + after + ": " + what);
          }
        }
      }
    }
    assertThat(calls).isGreaterThan(all.size() * Spelling.values().length * 4);
    assertThat(failures).as(String.join("\n", failures)).isEmpty();
  }

  /** The answers a call may get: a refusal (or a listing for the app-limited admin) only. */
  static Set<Integer> expected(
      Credential credential,
      Spelling spelling,
      Route route,
      boolean mayCall,
      boolean limitedAdmin,
      boolean fallback) {
    boolean keyless = credential == Credential.NONE || credential == Credential.BAD;
    return switch (spelling) {
      // The firewall, before anything reads the key.
      case ENCODED_LETTER, DOUBLED_SLASH, DOT_SEGMENT, MATRIX_PARAMETER -> Set.of(400);
      // No route has them: the fallback's 404, for a key.
      case TRAILING_SLASH, UPPER_CASE_SEGMENT -> keyless ? Set.of(401) : Set.of(404);
      case PLAIN -> {
        if (keyless) {
          yield Set.of(401);
        }
        if (fallback) {
          yield Set.of(404);
        }
        if (!mayCall) {
          yield Set.of(403);
        }
        // The app-limited admin on another app's things: not found, or not allowed.
        boolean listing =
            route.method().equals("GET")
                && !route.pattern().contains("{")
                && route.query().isEmpty();
        yield listing ? Set.of(200) : Set.of(400, 403, 404);
      }
    };
  }

  /** A paid payment of the app, refunded in part, with its events; a webhook endpoint and a key. */
  Things things(String app) {
    String outTradeNo = paidPayment("2.00");
    JsonNode paid = api("GET", "/api/v1/payments/" + outTradeNo + "?sync=true", null).json();
    assertThat(paid.get("status").asString()).isEqualTo("PAID");
    Reply refunded = refundPayment(outTradeNo, "0.50", "R" + outTradeNo);
    assertThat(refunded.status()).as(refunded.body()).isEqualTo(201);
    String event =
        jdbc.sql("SELECT id FROM events WHERE out_trade_no = ? FETCH FIRST 1 ROWS ONLY")
            .param(outTradeNo)
            .query(String.class)
            .single();
    Reply endpoint =
        api(
            "POST",
            "/api/v1/webhook-endpoints",
            Map.of("url", "http://localhost:9/" + app, "events", List.of("refund.failed")));
    assertThat(endpoint.status()).as(endpoint.body()).isEqualTo(201);
    Reply key =
        api("POST", "/api/v1/api-keys", Map.of("name", "every app " + app, "scope", "read"));
    jdbc.sql("UPDATE payments SET app = ? WHERE out_trade_no = ?").params(app, outTradeNo).update();
    return new Things(
        outTradeNo,
        "R" + outTradeNo,
        paid.get("trade_no").asString(),
        event,
        endpoint.json().get("id").asString(),
        key.json().get("id").asString());
  }
}
