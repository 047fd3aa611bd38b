package io.paygate.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts the whole server, with its embedded sandbox, on a free port and talks to it over real
 * HTTP, as a merchant's systems and a buyer's browser would.
 */
public abstract class ServerTestSupport {

  protected static final String API_KEY = "test-api-key-" + UUID.randomUUID();

  /** The first admin's password in every test server: a throwaway, never printed. */
  protected static final String ADMIN_PASSWORD = "test-admin-" + UUID.randomUUID();

  protected static final JsonMapper JSON = JsonMapper.builder().build();

  protected final HttpClient http =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /** Each test class's context runs on its own port (Spring keeps contexts between classes). */
  @LocalServerPort protected int port;

  protected String base() {
    return "http://localhost:" + port;
  }

  protected static void serverProperties(DynamicPropertyRegistry registry, String name) {
    int port = freePort();
    String base = "http://localhost:" + port;
    Path dataDir;
    try {
      dataDir = Files.createTempDirectory("paygate-test-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    registry.add("server.port", () -> port);
    registry.add("paygate.public-url", () -> base);
    registry.add("paygate.data-dir", dataDir::toString);
    registry.add("paygate.api.bootstrap-key", () -> API_KEY);
    registry.add("paygate.console.admin-password", () -> ADMIN_PASSWORD);
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    // Beside any database but the default file, the sandbox runs only when asked for.
    registry.add("paygate.sandbox.enabled", () -> "true");
    registry.add(
        "paygate.sandbox.database-url", () -> "jdbc:h2:mem:" + name + "-sandbox;DB_CLOSE_DELAY=-1");
    // The sandbox's real-time scheduler would race the tests' virtual clock.
    registry.add("paygate.sandbox.background-interval", () -> "0s");
    // Tests run the recovery jobs' work directly rather than waiting for their schedule.
    registry.add("paygate.jobs.enabled", () -> "false");
  }

  protected record Reply(int status, String contentType, String body, HttpResponse<String> raw) {
    public JsonNode json() {
      return JSON.readTree(body);
    }

    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  protected Reply api(String method, String path, Object body) {
    return apiWithKey(API_KEY, method, path, body);
  }

  /** An API call with another key than the bootstrap key. */
  protected Reply apiWithKey(String key, String method, String path, Object body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base() + path))
            .header("Authorization", "Bearer " + key)
            .header("Accept", "application/json, application/problem+json");
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(
              method,
              HttpRequest.BodyPublishers.ofString(
                  body instanceof String text ? text : JSON.writeValueAsString(body)));
    }
    return send(request.build());
  }

  protected Reply get(String urlOrPath) {
    return send(HttpRequest.newBuilder(uri(urlOrPath)).GET().build());
  }

  protected Reply postForm(String urlOrPath, Map<String, String> form) {
    return postForm(urlOrPath, form, StandardCharsets.UTF_8);
  }

  protected Reply postForm(
      String urlOrPath, Map<String, String> form, java.nio.charset.Charset charset) {
    String encoded =
        form.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), charset)
                        + "="
                        + URLEncoder.encode(e.getValue(), charset))
            .collect(Collectors.joining("&"));
    return send(
        HttpRequest.newBuilder(uri(urlOrPath))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(encoded, StandardCharsets.ISO_8859_1))
            .build());
  }

  protected Reply postJson(String urlOrPath, Object body) {
    return send(
        HttpRequest.newBuilder(uri(urlOrPath))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build());
  }

  private URI uri(String urlOrPath) {
    return URI.create(urlOrPath.startsWith("http") ? urlOrPath : base() + urlOrPath);
  }

  protected Reply send(HttpRequest request) {
    try {
      HttpResponse<String> response =
          http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Reply(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.body(),
          response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Logs in to the console through its form, as a person would. */
  protected ConsoleSession logIn(String username, String password) {
    ConsoleSession session = anonymousSession();
    ConsoleSession.Page after = session.logInAs(username, password);
    if (after.status() != 302 || after.location().contains("error")) {
      throw new AssertionError("login as " + username + " failed: " + after.location());
    }
    return session;
  }

  /** A browser that has not logged in (yet). */
  protected ConsoleSession anonymousSession() {
    return new ConsoleSession(http, base());
  }

  protected ConsoleSession logInAsAdmin() {
    return logIn("admin", ADMIN_PASSWORD);
  }

  /** Adds an operator through the admin's page; returns a session logged in as them. */
  protected ConsoleSession operatorWithRole(String role) {
    String username = role.toLowerCase(java.util.Locale.ROOT) + "-" + UUID.randomUUID();
    String password = "pw-" + UUID.randomUUID();
    ConsoleSession.Page added =
        logInAsAdmin()
            .submit(
                "/operators",
                "/operators",
                Map.of("username", username, "password", password, "role", role));
    if (added.status() != 302) {
      throw new AssertionError("adding " + username + ": " + added.status() + " " + added.body());
    }
    return logIn(username, password);
  }

  /** {@code /actuator/prometheus}, asked with HTTP basic authentication. */
  protected Reply prometheus(String user, String password) {
    return actuator("/actuator/prometheus", user, password);
  }

  /** An actuator endpoint, asked with HTTP basic authentication. */
  protected Reply actuator(String path, String user, String password) {
    String basic =
        java.util.Base64.getEncoder()
            .encodeToString(
                (user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return send(
        HttpRequest.newBuilder(uri(path)).header("Authorization", "Basic " + basic).GET().build());
  }

  /** Sets the sandbox's faults (its {@code PUT /sandbox/api/faults} JSON). */
  protected void fault(String json) {
    Reply set =
        send(
            HttpRequest.newBuilder(uri("/sandbox/api/faults"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json))
                .build());
    if (set.status() != 200) {
      throw new AssertionError("faults refused: " + set.body());
    }
  }

  protected void clearSandboxFaults() {
    send(HttpRequest.newBuilder(uri("/sandbox/api/faults")).DELETE().build());
  }

  /** Creates a payment through the API and returns its out_trade_no. */
  protected String createPayment(String amount, String product) {
    Reply created =
        api(
            "POST",
            "/api/v1/payments",
            Map.of("total_amount", amount, "subject", "测试商品 Test item", "product", product));
    if (created.status() != 201) {
      throw new AssertionError("create failed: " + created.status() + " " + created.body());
    }
    return created.json().get("out_trade_no").asString();
  }

  private static final Pattern FORM_ACTION = Pattern.compile("action=\"([^\"]+)\"");
  private static final Pattern HIDDEN =
      Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"");

  /**
   * Does what the buyer's browser does with {@code /pay/{no}}: takes the auto-submitting form and
   * posts it to the gateway, which opens the cashier.
   */
  protected Reply openCashier(String outTradeNo) {
    return submitPayForm(loadPayPage(outTradeNo));
  }

  /** What the buyer's browser receives from {@code /pay/{no}}, before it submits the form. */
  protected Reply loadPayPage(String outTradeNo) {
    Reply page = get("/pay/" + outTradeNo);
    if (page.status() != 200) {
      throw new AssertionError("pay page: " + page.status() + " " + page.body());
    }
    return page;
  }

  /** Submits a loaded pay page's form to the gateway, which opens the cashier. */
  protected Reply submitPayForm(Reply page) {
    Matcher action = FORM_ACTION.matcher(page.body());
    if (!action.find()) {
      throw new AssertionError("no form in the pay page: " + page.body());
    }
    Map<String, String> hidden = new java.util.LinkedHashMap<>();
    Matcher input = HIDDEN.matcher(page.body());
    while (input.find()) {
      hidden.put(input.group(1), input.group(2).replace("&quot;", "\""));
    }
    return postForm(action.group(1).replace("&amp;", "&"), hidden);
  }

  /** The sandbox's default buyer as {logon_id, pay_password}. */
  protected JsonNode defaultBuyer() {
    return get("/sandbox/api/buyers").json().get(0);
  }

  /** The sandbox's default buyer's balance: what "Alipay" really paid or paid back shows here. */
  protected java.math.BigDecimal buyerBalance() {
    return new java.math.BigDecimal(defaultBuyer().get("balance").asString());
  }

  protected String appId() {
    return get("/sandbox/api/apps").json().get(0).get("app_id").asString();
  }

  /** Pays as the sandbox buyer without a browser; the sandbox then notifies the server. */
  protected Reply payAsBuyer(String outTradeNo) {
    JsonNode buyer = defaultBuyer();
    return postJson(
        "/sandbox/api/buyer/pay",
        Map.of(
            "app_id", appId(),
            "out_trade_no", outTradeNo,
            "buyer_logon_id", buyer.get("logon_id").asString(),
            "pay_password", buyer.get("pay_password").asString()));
  }

  protected JsonNode payment(String outTradeNo) {
    Reply reply = api("GET", "/api/v1/payments/" + outTradeNo, null);
    if (reply.status() != 200) {
      throw new AssertionError("get payment: " + reply.status() + " " + reply.body());
    }
    return reply.json();
  }

  /** A paid payment, through the whole real flow. */
  protected String paidPayment(String amount) {
    String outTradeNo = createPayment(amount, "page");
    openCashier(outTradeNo);
    Reply paid = payAsBuyer(outTradeNo);
    if (paid.status() != 200) {
      throw new AssertionError("buyer pay: " + paid.status() + " " + paid.body());
    }
    return outTradeNo;
  }

  /** Asks the API for an any payment (the buyer's way decides) under that out_trade_no. */
  protected Reply createAnyPayment(String outTradeNo, String amount) {
    return api(
        "POST",
        "/api/v1/payments",
        Map.of(
            "total_amount",
            amount,
            "subject",
            "聚合收银台 Checkout",
            "product",
            "any",
            "out_trade_no",
            outTradeNo));
  }

  /** The create request of a WeChat Pay Native payment under that out_trade_no. */
  protected static Map<String, Object> wechatNativeOrder(String outTradeNo, String amount) {
    return Map.of(
        "channel", "wechatpay",
        "product", "native",
        "total_amount", amount,
        "subject", "茶 tea",
        "out_trade_no", outTradeNo);
  }

  /** Creates a Native payment through WeChat Pay and returns its out_trade_no. */
  protected String createWechatPayment(String amount) {
    Reply created =
        api(
            "POST",
            "/api/v1/payments",
            Map.of(
                "channel", "wechatpay",
                "product", "native",
                "total_amount", amount,
                "subject", "测试商品 Test item"));
    if (created.status() != 201) {
      throw new AssertionError("create failed: " + created.status() + " " + created.body());
    }
    return created.json().get("out_trade_no").asString();
  }

  /** The offline WeChat Pay's merchant the server is configured with (its default). */
  protected JsonNode wechatMerchant() {
    return get("/sandbox/wechatpay/api/merchants").json().get(0);
  }

  /** The offline WeChat Pay's default payer at this appid: the one its silent sign-in names. */
  protected JsonNode wechatPayer(String appid) {
    for (JsonNode payer : get("/sandbox/wechatpay/api/payers").json()) {
      if (payer.get("appid").asString().equals(appid)) {
        return payer;
      }
    }
    throw new AssertionError("no payer at " + appid);
  }

  /**
   * The payer pays the order at the offline WeChat Pay (with the JSAPI package its page held, when
   * given); the sandbox then notifies the server.
   */
  protected Reply wechatPays(JsonNode payer, String outTradeNo, Object payParams) {
    return wechatPays(
        payer.get("mchid").asString(), payer.get("openid").asString(), outTradeNo, payParams);
  }

  /** The payer of that openid pays the merchant's order; the same, by ids. */
  protected Reply wechatPays(String mchid, String openid, String outTradeNo, Object payParams) {
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("mchid", mchid);
    body.put("openid", openid);
    body.put("out_trade_no", outTradeNo);
    if (payParams != null) {
      body.put("pay_params", payParams);
    }
    return postJson("/sandbox/wechatpay/api/payer/pay", body);
  }

  /** A Native payment through WeChat Pay, paid by the offline WeChat Pay's payer and synced. */
  protected String paidWechatPayment(String amount) {
    String outTradeNo = createWechatPayment(amount);
    Reply paid =
        postJson(
            "/sandbox/wechatpay/api/payer/pay",
            Map.of("mchid", wechatMerchant().get("mchid").asString(), "out_trade_no", outTradeNo));
    if (paid.status() != 200) {
      throw new AssertionError("payer pay: " + paid.status() + " " + paid.body());
    }
    // Booked by a query: the notifications are the flow tests' subject.
    Reply synced = api("GET", "/api/v1/payments/" + outTradeNo + "?sync=true", null);
    if (!"PAID".equals(synced.json().get("status").asString())) {
      throw new AssertionError("not PAID after sync: " + synced.body());
    }
    return outTradeNo;
  }

  /** Asks for a refund of the payment through the API. */
  protected Reply refundPayment(String outTradeNo, String amount, String outRequestNo) {
    return api(
        "POST",
        "/api/v1/payments/" + outTradeNo + "/refunds",
        Map.of("refund_amount", amount, "out_request_no", outRequestNo));
  }

  /** The types of the payment's events, oldest first. */
  protected List<String> eventsOldestFirst(String outTradeNo) {
    List<String> types = new java.util.ArrayList<>();
    api("GET", "/api/v1/events?payment=" + outTradeNo, null)
        .json()
        .get("data")
        .forEach(event -> types.add(0, event.get("type").asString()));
    return types;
  }

  protected static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
