package io.paygate.sandbox;

import com.alipay.api.AlipayApiException;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.internal.util.AlipaySignature;
import io.paygate.sandbox.apps.DefaultAppCredentials;
import io.paygate.sandbox.apps.SandboxApps;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One running sandbox (in-memory database) shared by the test classes, plus HTTP helpers. */
// One sandbox, its clock, faults and apps shared by every subclass: they run one at a time, on the
// first lane (junit-platform.properties).
@Execution(ExecutionMode.SAME_THREAD)
@SpringBootTest(
    classes = SandboxApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "paygate.sandbox.database-url=jdbc:h2:mem:sandbox-tests;DB_CLOSE_DELAY=-1",
      "paygate.sandbox.background-interval=0"
    })
public abstract class SandboxTestSupport {

  protected static final JsonMapper JSON = JsonMapper.builder().build();
  protected static final HttpClient HTTP =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @LocalServerPort protected int port;
  @Autowired protected SandboxApps apps;

  protected String base() {
    return "http://localhost:" + port;
  }

  protected String gatewayUrl() {
    return base() + "/sandbox/gateway.do";
  }

  protected DefaultAppCredentials app() {
    return apps.defaultApp();
  }

  protected DefaultAlipayClient sdk() {
    DefaultAppCredentials app = app();
    return new DefaultAlipayClient(
        gatewayUrl(),
        app.appId(),
        app.appPrivateKey(),
        "json",
        "UTF-8",
        app.alipayPublicKey(),
        "RSA2");
  }

  protected static String unique(String prefix) {
    return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
  }

  /** Protocol parameters as the Java SDK sends them, signed with the default app's key. */
  protected Map<String, String> signedParams(String method, String bizContent)
      throws AlipayApiException {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("app_id", app().appId());
    params.put("method", method);
    params.put("charset", "utf-8");
    params.put("sign_type", "RSA2");
    params.put("timestamp", beijingNow());
    params.put("version", "1.0");
    params.put("biz_content", bizContent);
    sign(params, app().appPrivateKey());
    return params;
  }

  protected static void sign(Map<String, String> params, String privateKey)
      throws AlipayApiException {
    Map<String, String> toSign = new TreeMap<>(params);
    toSign.remove("sign");
    params.put(
        "sign",
        AlipaySignature.rsaSign(
            AlipaySignature.getSignContent(toSign), privateKey, "utf-8", "RSA2"));
  }

  protected static String beijingNow() {
    return ZonedDateTime.now(ZoneOffset.ofHours(8))
        .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
  }

  protected static String form(Map<String, String> params) {
    return params.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  protected HttpResponse<String> postForm(String url, Map<String, String> params)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form(params)))
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  protected HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  protected HttpResponse<String> sendJson(String method, String url, String body)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  protected static JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }
}
