package io.paygate.client;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import io.paygate.client.Models.ApiKey;
import io.paygate.client.Models.Event;
import io.paygate.client.Models.NewPayment;
import io.paygate.client.Models.NewRefund;
import io.paygate.client.Models.Page;
import io.paygate.client.Models.Payment;
import io.paygate.client.Models.Refund;
import io.paygate.client.Models.WebhookEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The PayGate merchant API for a shop's Java code. Every create is sent with an {@code
 * Idempotency-Key} (a new UUID unless you pass one) and retried with that same key when the network
 * fails or PayGate answers 503 or 409 {@code IDEMPOTENCY_KEY_IN_USE}: a create is never made twice.
 * Refusals are thrown as {@link PayGateException}s typed by status.
 *
 * <pre>{@code
 * PayGateClient paygate = PayGateClient.create(URI.create("https://pay.example.com"), apiKey);
 * Payment payment = paygate.createPayment(NewPayment.of("12.30", "一本书 A book"));
 * // send the buyer to payment.payUrl()
 * }</pre>
 */
public final class PayGateClient {

  private final URI base;
  private final String apiKey;
  private final HttpClient http;
  private final Duration timeout;
  private final int retries;

  private PayGateClient(URI base, String apiKey, HttpClient http, Duration timeout, int retries) {
    String url = base.toString();
    this.base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
    this.http = http;
    this.timeout = timeout;
    this.retries = retries;
  }

  /** With a 30 s timeout per request and 2 retries of a failed create. */
  public static PayGateClient create(URI base, String apiKey) {
    return create(base, apiKey, Duration.ofSeconds(30), 2);
  }

  public static PayGateClient create(URI base, String apiKey, Duration timeout, int retries) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    return new PayGateClient(base, apiKey, http, timeout, retries);
  }

  // Payments.

  public Payment createPayment(NewPayment payment) {
    return createPayment(payment, UUID.randomUUID().toString());
  }

  public Payment createPayment(NewPayment payment, String idempotencyKey) {
    return post("/api/v1/payments", payment, idempotencyKey, type(Payment.class));
  }

  public Payment payment(String outTradeNo) {
    return get("/api/v1/payments/" + path(outTradeNo), type(Payment.class));
  }

  /** The payment after PayGate asked Alipay for its state. */
  public Payment syncPayment(String outTradeNo) {
    return get("/api/v1/payments/" + path(outTradeNo) + "?sync=true", type(Payment.class));
  }

  public Payment paymentByTradeNo(String tradeNo) {
    return get("/api/v1/payments?trade_no=" + query(tradeNo), type(Payment.class));
  }

  /**
   * A page of payments, newest first.
   *
   * @param status null for any; created from (inclusive) and to (exclusive) may be null
   * @param startingAfter the last out_trade_no of the page before, or null for the first page
   */
  public Page<Payment> payments(
      String status, Instant createdFrom, Instant createdTo, int limit, String startingAfter) {
    return payments(null, status, createdFrom, createdTo, limit, startingAfter);
  }

  /** A page of one channel's payments (alipay, wechatpay; null for every channel's). */
  public Page<Payment> payments(
      String channel,
      String status,
      Instant createdFrom,
      Instant createdTo,
      int limit,
      String startingAfter) {
    return get(
        "/api/v1/payments" + listing(channel, status, createdFrom, createdTo, limit, startingAfter),
        page(Payment.class));
  }

  public Payment closePayment(String outTradeNo) {
    return post(
        "/api/v1/payments/" + path(outTradeNo) + "/close",
        null,
        UUID.randomUUID().toString(),
        type(Payment.class));
  }

  /** Cancels a qr payment: closed if unpaid, refunded in full if paid. */
  public Models.Cancellation cancelPayment(String outTradeNo) {
    return post(
        "/api/v1/payments/" + path(outTradeNo) + "/cancel",
        null,
        UUID.randomUUID().toString(),
        type(Models.Cancellation.class));
  }

  // Refunds.

  public Refund createRefund(String outTradeNo, NewRefund refund) {
    return createRefund(outTradeNo, refund, UUID.randomUUID().toString());
  }

  public Refund createRefund(String outTradeNo, NewRefund refund, String idempotencyKey) {
    return post(
        "/api/v1/payments/" + path(outTradeNo) + "/refunds",
        refund,
        idempotencyKey,
        type(Refund.class));
  }

  public List<Refund> refunds(String outTradeNo) {
    return get(
        "/api/v1/payments/" + path(outTradeNo) + "/refunds",
        Json.MAPPER.getTypeFactory().constructCollectionType(List.class, Refund.class));
  }

  public Refund refund(String outTradeNo, String outRequestNo) {
    return get(
        "/api/v1/payments/" + path(outTradeNo) + "/refunds/" + path(outRequestNo),
        type(Refund.class));
  }

  /** Every payment's refunds, newest first; the cursor is "out_trade_no/out_request_no". */
  public Page<Refund> allRefunds(
      String status, Instant createdFrom, Instant createdTo, int limit, String startingAfter) {
    return allRefunds(null, status, createdFrom, createdTo, limit, startingAfter);
  }

  /** Every refund of one channel's payments (null for every channel's), newest first. */
  public Page<Refund> allRefunds(
      String channel,
      String status,
      Instant createdFrom,
      Instant createdTo,
      int limit,
      String startingAfter) {
    return get(
        "/api/v1/refunds" + listing(channel, status, createdFrom, createdTo, limit, startingAfter),
        page(Refund.class));
  }

  // Webhooks and events.

  /** A new endpoint; its secret is in this answer only. Null or empty events: all of them. */
  public WebhookEndpoint createWebhookEndpoint(String url, List<String> events) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("url", url);
    if (events != null && !events.isEmpty()) {
      body.put("events", events);
    }
    return post(
        "/api/v1/webhook-endpoints",
        body,
        UUID.randomUUID().toString(),
        type(WebhookEndpoint.class));
  }

  public List<WebhookEndpoint> webhookEndpoints() {
    return get(
        "/api/v1/webhook-endpoints",
        Json.MAPPER.getTypeFactory().constructCollectionType(List.class, WebhookEndpoint.class));
  }

  public WebhookEndpoint webhookEndpoint(String id) {
    return get("/api/v1/webhook-endpoints/" + path(id), type(WebhookEndpoint.class));
  }

  public void deleteWebhookEndpoint(String id) {
    send("DELETE", "/api/v1/webhook-endpoints/" + path(id), null, null, null);
  }

  /** A new secret (in this answer only); the old one signs beside it for 24 hours. */
  public WebhookEndpoint rotateWebhookSecret(String id) {
    return post(
        "/api/v1/webhook-endpoints/" + path(id) + "/rotate-secret",
        null,
        UUID.randomUUID().toString(),
        type(WebhookEndpoint.class));
  }

  public Page<Event> events(String outTradeNo, String type, int limit, String startingAfter) {
    return get(
        "/api/v1/events"
            + parameters(
                "payment", outTradeNo,
                "type", type,
                "limit", limit,
                "starting_after", startingAfter),
        page(Event.class));
  }

  /** The event with each delivery's attempts. */
  public Event event(String id) {
    return get("/api/v1/events/" + path(id), type(Event.class));
  }

  /** Sends the event again now to every live endpoint that had it. */
  public Event redeliverEvent(String id) {
    return post("/api/v1/events/" + path(id) + "/redeliver", null, null, type(Event.class));
  }

  // API keys.

  /** A new key (in this answer only); scope is read, write or admin. */
  public ApiKey createApiKey(String name, String scope) {
    return createApiKey(name, scope, List.of());
  }

  /** A new key limited to these of the merchant's apps (none: every app). */
  public ApiKey createApiKey(String name, String scope, List<String> apps) {
    return post(
        "/api/v1/api-keys",
        Map.of("name", name, "scope", scope, "apps", apps),
        UUID.randomUUID().toString(),
        type(ApiKey.class));
  }

  public List<ApiKey> apiKeys() {
    return get(
        "/api/v1/api-keys",
        Json.MAPPER.getTypeFactory().constructCollectionType(List.class, ApiKey.class));
  }

  public void revokeApiKey(String id) {
    send("DELETE", "/api/v1/api-keys/" + path(id), null, null, null);
  }

  // The pipeline every call goes through: build, send (retrying a create under its key), read.

  private <T> T get(String path, JavaType type) {
    return send("GET", path, null, null, type);
  }

  private <T> T post(String path, Object body, String idempotencyKey, JavaType type) {
    return send("POST", path, body, idempotencyKey, type);
  }

  private <T> T send(
      String method, String path, Object body, String idempotencyKey, JavaType type) {
    HttpRequest request = request(method, path, body, idempotencyKey);
    boolean retryable = idempotencyKey != null || method.equals("GET");
    for (int attempt = 0; ; attempt++) {
      HttpResponse<String> response;
      try {
        response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      } catch (IOException e) {
        if (retryable && attempt < retries) {
          pause(attempt);
          continue;
        }
        throw new UncheckedIOException("PayGate did not answer " + method + " " + path, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted calling PayGate", e);
      }
      int status = response.statusCode();
      if (status / 100 == 2) {
        return type == null || response.body().isEmpty() ? null : read(response.body(), type);
      }
      PayGateException refusal = refusal(status, response.body());
      boolean again = status == 503 || "IDEMPOTENCY_KEY_IN_USE".equals(refusal.code());
      if (retryable && again && attempt < retries) {
        pause(attempt);
        continue;
      }
      throw refusal;
    }
  }

  private HttpRequest request(String method, String path, Object body, String idempotencyKey) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(timeout)
            .header("Authorization", "Bearer " + apiKey)
            .header("Accept", "application/json, application/problem+json")
            .header("User-Agent", "paygate-client-java/1");
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    if (body == null) {
      return request.method(method, HttpRequest.BodyPublishers.noBody()).build();
    }
    try {
      return request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(body)))
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static <T> T read(String body, JavaType type) {
    try {
      return Json.MAPPER.readValue(body, type);
    } catch (IOException e) {
      throw new UncheckedIOException("PayGate's answer is not the JSON expected", e);
    }
  }

  private static PayGateException refusal(int status, String body) {
    try {
      JsonNode problem = Json.MAPPER.readTree(body);
      return PayGateException.of(
          status,
          text(problem, "code", "HTTP_" + status),
          text(problem, "detail", body),
          text(problem, "field", null),
          text(problem, "alipay_sub_code", null));
    } catch (IOException | RuntimeException notJson) {
      return PayGateException.of(status, "HTTP_" + status, body, null, null);
    }
  }

  private static String text(JsonNode node, String field, String otherwise) {
    JsonNode value = node == null ? null : node.get(field);
    return value == null || value.isNull() ? otherwise : value.asText();
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(200L << attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static JavaType type(Class<?> type) {
    return Json.MAPPER.getTypeFactory().constructType(type);
  }

  private static JavaType page(Class<?> item) {
    return Json.MAPPER.getTypeFactory().constructParametricType(Page.class, item);
  }

  private static String path(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String query(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** The listing routes' shared query. */
  private static String listing(
      String channel,
      String status,
      Instant createdFrom,
      Instant createdTo,
      int limit,
      String startingAfter) {
    return parameters(
        "channel", channel,
        "status", status,
        "created_from", createdFrom,
        "created_to", createdTo,
        "limit", limit,
        "starting_after", startingAfter);
  }

  private static String parameters(Object... namesAndValues) {
    StringBuilder query = new StringBuilder();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      Object value = namesAndValues[i + 1];
      if (value == null || (value instanceof Integer n && n <= 0)) {
        continue;
      }
      query.append(query.length() == 0 ? '?' : '&');
      query.append(namesAndValues[i]).append('=').append(query(value.toString()));
    }
    return query.toString();
  }
}
