package io.paygate.bench.run;

import io.paygate.core.testkit.Receiver;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** What a shop's systems and a buyer do with one PayGate instance (and its sandbox), over HTTP. */
final class Shop {

  private static final Pattern OUT_TRADE_NO = Pattern.compile("\"out_trade_no\":\"([^\"]+)\"");
  private static final Pattern FORM_ACTION = Pattern.compile("action=\"([^\"]+)\"");
  private static final Pattern HIDDEN =
      Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"");
  private static final Pattern FIELD = Pattern.compile("\"%s\":\"([^\"]*)\"");

  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .version(HttpClient.Version.HTTP_1_1)
          .build();

  final String base;
  private final String key;

  Shop(String base, String key) {
    this.base = base;
    this.key = key;
  }

  static String field(String json, String name) {
    Matcher m = Pattern.compile(FIELD.pattern().formatted(name)).matcher(json);
    return m.find() ? m.group(1) : null;
  }

  HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  HttpResponse<String> get(String path, boolean authenticated)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
    if (authenticated) {
      request.header("Authorization", "Bearer " + key);
    }
    return send(request.build());
  }

  HttpResponse<String> postJson(String path, String json, boolean authenticated)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (authenticated) {
      request.header("Authorization", "Bearer " + key);
    }
    return send(request.build());
  }

  /** A new page payment; its out_trade_no, or null when it was not made. */
  String create() throws IOException, InterruptedException {
    HttpResponse<String> created =
        postJson(
            "/api/v1/payments",
            "{\"total_amount\":\"88.88\",\"subject\":\"压测 load\",\"product\":\"page\"}",
            true);
    Matcher m = OUT_TRADE_NO.matcher(created.body());
    return created.statusCode() == 201 && m.find() ? m.group(1) : null;
  }

  /**
   * A new app payment (nothing is sent to Alipay: the order string is signed); true when the answer
   * carries {@code checkout.order_string}.
   */
  boolean createApp() throws IOException, InterruptedException {
    HttpResponse<String> created =
        postJson(
            "/api/v1/payments",
            "{\"total_amount\":\"88.88\",\"subject\":\"压测 load\",\"product\":\"app\"}",
            true);
    return created.statusCode() == 201 && field(created.body(), "order_string") != null;
  }

  /**
   * A new JSAPI payment for {@code buyerId} ({@code alipay.trade.create} at the sandbox); true when
   * the answer carries {@code checkout.trade_no}.
   */
  boolean createJsapi(String buyerId) throws IOException, InterruptedException {
    HttpResponse<String> created =
        postJson(
            "/api/v1/payments",
            "{\"total_amount\":\"88.88\",\"subject\":\"压测 load\",\"product\":\"jsapi\",\"buyer_id\":\"%s\"}"
                .formatted(buyerId),
            true);
    return created.statusCode() == 201
        && created.body().contains("\"kind\":\"jsapi\"")
        && field(created.body(), "trade_no") != null;
  }

  /**
   * The sandbox buyer's id as a JSAPI create names it: an auth code from the sandbox's "Alipay app"
   * ({@code POST /sandbox/api/oauth/codes}) turned into the buyer by PayGate ({@code POST
   * /api/v1/buyer-identities}); null when either refused.
   */
  String buyerId(Shop sandbox, String appId, String buyer)
      throws IOException, InterruptedException {
    HttpResponse<String> code =
        sandbox.postJson(
            "/sandbox/api/oauth/codes",
            "{\"app_id\":\"%s\",\"buyer_logon_id\":\"%s\"}".formatted(appId, buyer),
            false);
    String authCode = code.statusCode() == 200 ? field(code.body(), "auth_code") : null;
    if (authCode == null) {
      return null;
    }
    HttpResponse<String> identity =
        postJson("/api/v1/buyer-identities", "{\"auth_code\":\"%s\"}".formatted(authCode), true);
    return identity.statusCode() == 200 ? field(identity.body(), "buyer_id") : null;
  }

  /** The buyer's pay page: the signed, auto-submitting form. */
  HttpResponse<String> payPage(String outTradeNo) throws IOException, InterruptedException {
    return get("/pay/" + outTradeNo, false);
  }

  /** The buyer's browser posting the pay page's form to the gateway: the cashier opens. */
  boolean openCashier(String payPage) throws IOException, InterruptedException {
    Matcher action = FORM_ACTION.matcher(payPage);
    if (!action.find()) {
      return false;
    }
    Map<String, String> hidden = new LinkedHashMap<>();
    Matcher input = HIDDEN.matcher(payPage);
    while (input.find()) {
      hidden.put(input.group(1), input.group(2).replace("&quot;", "\"").replace("&amp;", "&"));
    }
    String form =
        hidden.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpResponse<String> cashier =
        send(
            HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build());
    // The gateway answers the cashier page, or a redirect to it.
    return cashier.statusCode() < 400;
  }

  /** The sandbox's default buyer pays; the sandbox then sends its notify. */
  boolean buyerPays(Shop sandbox, String appId, String buyer, String password, String outTradeNo)
      throws IOException, InterruptedException {
    return sandbox
            .postJson(
                "/sandbox/api/buyer/pay",
                "{\"app_id\":\"%s\",\"out_trade_no\":\"%s\",\"buyer_logon_id\":\"%s\",\"pay_password\":\"%s\"}"
                    .formatted(appId, outTradeNo, buyer, password),
                false)
            .statusCode()
        == 200;
  }

  /** A genuine notify as Alipay sent it; true when PayGate acknowledged it. */
  boolean postNotify(Receiver.Received notify) throws IOException, InterruptedException {
    HttpResponse<String> answer =
        send(
            HttpRequest.newBuilder(URI.create(base + "/alipay/notify"))
                .header(
                    "Content-Type",
                    notify.contentType() != null
                        ? notify.contentType()
                        : "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(notify.body()))
                .build());
    return answer.statusCode() == 200 && answer.body().strip().equals("success");
  }

  boolean refund(String outTradeNo) throws IOException, InterruptedException {
    HttpResponse<String> refunded =
        postJson(
            "/api/v1/payments/" + outTradeNo + "/refunds",
            "{\"refund_amount\":\"0.01\",\"out_request_no\":\"%s\"}"
                .formatted(UUID.randomUUID().toString().replace("-", "")),
            true);
    return refunded.statusCode() == 201;
  }
}
