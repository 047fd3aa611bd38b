package io.paygate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * A real Alipay configuration: misconfigured keys stop the start with a message naming the
 * property, and a good one starts without the sandbox or the operator tools.
 */
// Each test starts its own application on its own database, port and data directory: the class
// runs beside the others (junit-platform.properties), its tests too.
@Execution(ExecutionMode.CONCURRENT)
class StartupConfigurationTest {

  @TempDir Path dataDir;

  private static final KeyPair APP = rsa();
  private static final KeyPair ALIPAY = rsa();

  private ConfigurableApplicationContext start(String... extra) {
    List<String> properties = new ArrayList<>();
    properties.add("spring.datasource.url=jdbc:h2:mem:startup-" + UUID.randomUUID());
    properties.add("paygate.alipay.app-id=2021000000000001");
    properties.add("paygate.alipay.gateway=alipay-sandbox");
    properties.addAll(List.of(extra));
    return startBare(properties.toArray(String[]::new));
  }

  /** Only a port, the data directory and the jobs off: the rest is the test's. */
  private ConfigurableApplicationContext startBare(String... extra) {
    List<String> properties = new ArrayList<>();
    properties.add("server.port=0");
    properties.add("paygate.data-dir=" + dataDir);
    properties.add("paygate.jobs.enabled=false");
    properties.addAll(List.of(extra));
    // As command-line arguments: they win over application.properties, as an operator's do. A
    // property given twice would be joined with a comma there, so the later one replaces it.
    Map<String, String> arguments = new LinkedHashMap<>();
    for (String property : properties) {
      int equals = property.indexOf('=');
      arguments.put(property.substring(0, equals), property.substring(equals + 1));
    }
    return new SpringApplicationBuilder(PayGateApplication.class)
        .run(
            arguments.entrySet().stream()
                .map(argument -> "--" + argument.getKey() + "=" + argument.getValue())
                .toArray(String[]::new));
  }

  @Test
  void aRealDatabaseWithNoAppAndNoSandboxChoiceIsAStartUpError() {
    assertThatThrownBy(
            () ->
                startBare(
                    "spring.datasource.url=jdbc:h2:mem:startup-" + UUID.randomUUID(),
                    "paygate.api.bootstrap-key=prod-key-for-test"))
        .rootCause()
        .hasMessageContaining("spring.datasource.url")
        .hasMessageContaining("paygate.alipay.app-id")
        .hasMessageContaining("paygate.sandbox.enabled=true");
  }

  @Test
  void noConfigurationButABootstrapKeyRunsTheSandboxOnTheDefaultFile() throws Exception {
    try (ConfigurableApplicationContext context =
        startBare("paygate.api.bootstrap-key=dev-key-for-test")) {
      String base = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
      assertThat(get(base + "/sandbox/api/apps", null).statusCode()).isEqualTo(200);
      assertThat(Files.exists(dataDir.resolve("paygate.mv.db"))).isTrue();
    }
  }

  @Test
  void anAppConfiguredOnlyUnderAppsRunsNoSandboxOnTheDefaultFile() throws Exception {
    // No paygate.alipay.app-id and the default H2 file: only the apps.<name> app says "real".
    try (ConfigurableApplicationContext context =
        startBare(
            "paygate.alipay.apps.shop.app-id=2021000000000002",
            "paygate.alipay.apps.shop.gateway=alipay-sandbox",
            "paygate.alipay.apps.shop.private-key=" + privateKey(APP),
            "paygate.alipay.apps.shop.alipay-public-key=" + publicKey(ALIPAY))) {
      String base = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
      assertThat(get(base + "/sandbox/api/apps", null).statusCode()).isIn(302, 404);
      assertThat(get(base + "/sandbox/gateway.do", null).statusCode()).isIn(302, 404);
      assertThat(context.containsBean("embeddedSandboxApp")).isFalse();
      assertThat(Files.exists(dataDir.resolve("dev-api-key"))).isFalse();
      // No WeChat Pay merchant configured: no WeChat Pay at all.
      assertThat(context.getBeansOfType(io.paygate.wechatpay.WechatPayChannel.class)).isEmpty();
    }
  }

  @Test
  void theDevelopmentKeyFileIsTheOwnersOnly() throws Exception {
    try (ConfigurableApplicationContext context = startBare()) {
      Path file = dataDir.resolve("dev-api-key");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
      String base = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
      String key = Files.readString(file).strip();
      assertThat(get(base + "/api/v1/payments/x", key).statusCode()).isEqualTo(404);
    }
    // One an earlier version left readable by all is the owner's again, with the same key.
    Path older = Files.createDirectories(dataDir.resolve("older"));
    Path file = older.resolve("dev-api-key");
    Files.writeString(file, "dev_an-earlier-key\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    try (ConfigurableApplicationContext context = startBare("paygate.data-dir=" + older)) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
      String base = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
      assertThat(get(base + "/api/v1/payments/x", "dev_an-earlier-key").statusCode())
          .isEqualTo(404);
    }
  }

  @Test
  void theSandboxIsRefusedBesideAProductionHostHoweverTheUrlIsWritten() {
    assertThatThrownBy(
            () ->
                start(
                    "paygate.sandbox.enabled=true",
                    "paygate.sandbox.database-url=jdbc:h2:mem:startup-sandbox-" + UUID.randomUUID(),
                    "paygate.alipay.gateway=https://openapi.alipay.com/gateway.do?charset=utf-8",
                    "paygate.alipay.private-key=" + privateKey(APP),
                    "paygate.alipay.alipay-public-key=" + publicKey(ALIPAY)))
        .rootCause()
        .hasMessageContaining("paygate.sandbox.enabled")
        .hasMessageContaining("openapi.alipay.com");
  }

  @Test
  void aMissingPrivateKeyIsNamed() {
    assertThatThrownBy(() -> start("paygate.alipay.alipay-public-key=" + publicKey(ALIPAY)))
        .rootCause()
        .hasMessageContaining("paygate.alipay.private-key");
  }

  @Test
  void theAppsOwnKeyInPlaceOfAlipaysIsCaught() {
    assertThatThrownBy(
            () ->
                start(
                    "paygate.alipay.private-key=" + privateKey(APP),
                    "paygate.alipay.alipay-public-key=" + publicKey(APP)))
        .rootCause()
        .hasMessageContaining("paygate.alipay.alipay-public-key")
        .hasMessageNotContaining(publicKey(APP).substring(0, 40));
  }

  @Test
  void anAppPublicKeyFromAnotherPairIsCaught() {
    assertThatThrownBy(
            () ->
                start(
                    "paygate.alipay.private-key=" + privateKey(APP),
                    "paygate.alipay.app-public-key=" + publicKey(ALIPAY),
                    "paygate.alipay.alipay-public-key=" + publicKey(ALIPAY)))
        .rootCause()
        .hasMessageContaining("paygate.alipay.app-public-key");
  }

  @Test
  void theSandboxIsNeverEmbeddedBesideTheProductionGateway() {
    assertThatThrownBy(
            () ->
                start(
                    "paygate.sandbox.enabled=true",
                    "paygate.sandbox.database-url=jdbc:h2:mem:startup-sandbox-" + UUID.randomUUID(),
                    "paygate.alipay.gateway=production",
                    "paygate.alipay.private-key=" + privateKey(APP),
                    "paygate.alipay.alipay-public-key=" + publicKey(ALIPAY)))
        .rootCause()
        .hasMessageContaining("paygate.sandbox.enabled");
  }

  @Test
  void aProductionConfigurationAnswersNoPageWithoutALoginButTheBuyersAndAlipays() throws Exception {
    Path keyFile = dataDir.resolve("app-private-key.pem");
    Files.writeString(
        keyFile,
        "-----BEGIN PRIVATE KEY-----\n" + privateKey(APP) + "\n-----END PRIVATE KEY-----\n");
    try (ConfigurableApplicationContext context =
        start(
            "paygate.alipay.private-key-file=" + keyFile,
            "paygate.alipay.alipay-public-key=" + publicKey(ALIPAY),
            "paygate.api.bootstrap-key=prod-key-for-test")) {
      String base = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
      assertThat(get(base + "/sandbox/api/apps", null).statusCode()).isIn(302, 404);
      assertThat(get(base + "/sandbox/gateway.do", null).statusCode()).isIn(302, 404);
      assertThat(Files.exists(dataDir.resolve("dev-api-key"))).isFalse();
      assertThat(get(base + "/api/v1/payments/x", "prod-key-for-test").statusCode()).isEqualTo(404);

      // Every route the server maps, asked by someone who has not logged in.
      Set<String> buyersAndAlipays =
          Set.of(
              "/pay/{outTradeNo}",
              "/pay/{outTradeNo}/status",
              "/checkout/{outTradeNo}",
              "/checkout/{outTradeNo}/page",
              "/checkout/{outTradeNo}/wechat-qr",
              "/checkout/{outTradeNo}/wechat-signed-in",
              "/checkout/{outTradeNo}/signed-in",
              "/checkout/{outTradeNo}/jsapi",
              "/alipay/return",
              "/login");
      RequestMappingHandlerMapping mappings =
          context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
      int asked = 0;
      for (RequestMappingInfo mapping : mappings.getHandlerMethods().keySet()) {
        for (String pattern : mapping.getPatternValues()) {
          if (pattern.startsWith("/api") || pattern.equals("/error")) {
            continue; // the API answers 401 problems of its own; /error is only a dispatch
          }
          String path = pattern.replaceAll("\\{[^}]+}", "ANY").replace("/**", "/ANY");
          Set<RequestMethod> methods = mapping.getMethodsCondition().getMethods();
          for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
            HttpResponse<String> answer = ask(method.name(), base + path);
            asked++;
            boolean apiDescription =
                pattern.startsWith("/v3/api-docs") || pattern.startsWith("/swagger-ui");
            if (apiDescription) {
              // Public, as the API's routes are: answered, or sent on to the UI, never to a login.
              assertThat(answer.statusCode()).as(method + " " + path).isNotIn(401, 403);
              assertThat(answer.headers().firstValue("Location").orElse(""))
                  .as(method + " " + path)
                  .doesNotEndWith("/login");
            } else if (buyersAndAlipays.contains(pattern)) {
              assertThat(answer.statusCode()).as(method + " " + path).isNotIn(302, 401);
            } else if (pattern.equals("/alipay/notify")) {
              assertThat(answer.body()).as("an unsigned notify").isEqualTo("failure");
            } else if (pattern.equals("/channels/{channel}/notify")) {
              // No login asked: an unknown channel is not found, Alipay's refuses the unsigned.
              assertThat(answer.statusCode()).as(method + " " + path).isEqualTo(404);
              assertThat(ask(method.name(), base + "/channels/alipay/notify").body())
                  .as("an unsigned notify")
                  .isEqualTo("failure");
            } else {
              // A login first, whatever the route: sent to the form, or refused outright
              // (401 for the actuator, 403 for a form posted without its token).
              assertThat(answer.statusCode()).as(method + " " + path).isIn(302, 401, 403);
              if (answer.statusCode() == 302) {
                assertThat(answer.headers().firstValue("Location").orElse(""))
                    .as(method + " " + path)
                    .endsWith("/login");
              }
            }
          }
        }
      }
      assertThat(asked).as("the routes asked").isGreaterThan(10);
      // The actuator, but for probes, is an admin's. (Health is DOWN here: Alipay's sandbox host
      // cannot be reached from a test machine.)
      assertThat(get(base + "/actuator/health", null).statusCode()).isIn(200, 503);
      assertThat(get(base + "/actuator/prometheus", null).statusCode()).isEqualTo(401);
    }
  }

  private static HttpResponse<String> ask(String method, String url)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
    if (method.equals("GET")) {
      request.GET();
    } else {
      request
          .header("Content-Type", "application/x-www-form-urlencoded")
          .method(method, HttpRequest.BodyPublishers.ofString("out_trade_no=ANY"));
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String url, String key)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static KeyPair rsa() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String privateKey(KeyPair pair) {
    return Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
  }

  private static String publicKey(KeyPair pair) {
    return Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
  }
}
