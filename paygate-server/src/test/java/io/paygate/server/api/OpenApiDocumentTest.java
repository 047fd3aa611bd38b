package io.paygate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.server.SharedServerTest;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The served OpenAPI document is valid OpenAPI 3, and every route of the API's controllers is in it
 * with its method, snake_case schemas and the shared refusals.
 */
class OpenApiDocumentTest extends SharedServerTest {

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  private OpenAPI document() {
    Reply reply = get("/v3/api-docs");
    assertThat(reply.status()).isEqualTo(200);
    SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(reply.body());
    assertThat(parsed.getMessages()).as("the parser's complaints").isEmpty();
    assertThat(parsed.getOpenAPI().getOpenapi()).startsWith("3.");
    return parsed.getOpenAPI();
  }

  @Test
  void everyApiRouteIsDocumentedWithItsMethod() {
    OpenAPI api = document();
    List<String> missing = new ArrayList<>();
    int routes = 0;
    for (RequestMappingInfo mapping : mappings.getHandlerMethods().keySet()) {
      for (String pattern : mapping.getPatternValues()) {
        if (!pattern.startsWith("/api/") || pattern.endsWith("/**")) {
          continue; // the /api/** fallback answers 404 problems; it is not a route
        }
        Set<RequestMethod> methods = mapping.getMethodsCondition().getMethods();
        for (RequestMethod method : methods) {
          routes++;
          PathItem item = api.getPaths() == null ? null : api.getPaths().get(pattern);
          Operation operation =
              item == null
                  ? null
                  : item.readOperationsMap()
                      .get(PathItem.HttpMethod.valueOf(method.name().toUpperCase(Locale.ROOT)));
          if (operation == null) {
            missing.add(method + " " + pattern);
          }
        }
      }
    }
    assertThat(routes).isGreaterThan(15);
    assertThat(missing).as("routes missing from the document").isEmpty();
    // Nothing but the API's routes is in it (not the pages, nor the /api/** fallback).
    assertThat(api.getPaths().keySet())
        .allMatch(path -> path.startsWith("/api/v1/"))
        .noneMatch(path -> path.contains("*"));
    // Listing and the trade_no lookup share GET /api/v1/payments: neither parameter is required.
    assertThat(api.getPaths().get("/api/v1/payments").getGet().getParameters())
        .allSatisfy(p -> assertThat(p.getRequired()).as(p.getName()).isNotEqualTo(Boolean.TRUE));
  }

  @Test
  void schemasAreSnakeCaseAndRefusalsAndIdempotencyAreDocumented() {
    OpenAPI api = document();
    Operation create = api.getPaths().get("/api/v1/payments").getPost();
    String body =
        create.getRequestBody().getContent().values().iterator().next().getSchema().get$ref();
    String name = body.substring(body.lastIndexOf('/') + 1);
    assertThat(api.getComponents().getSchemas().get(name).getProperties())
        .containsKeys("total_amount", "subject", "product", "out_trade_no");
    Schema<?> request = api.getComponents().getSchemas().get(name);
    assertThat(request.getProperties().get("product").getEnum())
        .containsExactly("page", "wap", "qr", "barcode", "app", "jsapi", "any");
    // The create's answer describes its checkout object, each kind and its fields.
    Schema<?> payment = schemaOf(api, create);
    assertThat(payment.getProperties()).containsKeys("pay_url", "way", "checkout");
    String checkoutRef = payment.getProperties().get("checkout").get$ref();
    Schema<?> checkout =
        api.getComponents()
            .getSchemas()
            .get(checkoutRef.substring(checkoutRef.lastIndexOf('/') + 1));
    assertThat(checkout.getDescription()).contains("redirect").contains("form");
    assertThat(checkout.getProperties())
        .containsOnlyKeys(
            "kind",
            "order_string",
            "trade_no",
            "qr_code",
            "url",
            "code_url",
            "prepay_id",
            "pay_params");
    assertThat(checkout.getProperties().get("kind").getEnum())
        .containsExactly("app", "jsapi", "form", "qr", "redirect");
    assertThat(create.getResponses()).containsKeys("400", "401", "403", "422");
    assertThat(create.getParameters())
        .anySatisfy(p -> assertThat(p.getName()).isEqualTo("Idempotency-Key"));
    assertThat(api.getComponents().getSchemas().get("Problem").getProperties())
        .containsKeys("code", "field", "detail", "status");
    assertThat(api.getComponents().getSecuritySchemes()).containsKey("bearer");
    // The UI is served, without a login, from the jar.
    Reply ui = get("/swagger-ui.html");
    assertThat(ui.status()).isIn(200, 302);
  }

  private static Schema<?> schemaOf(OpenAPI api, Operation operation) {
    String ref =
        operation.getResponses().entrySet().stream()
            .filter(r -> r.getKey().startsWith("2"))
            .findFirst()
            .orElseThrow()
            .getValue()
            .getContent()
            .values()
            .iterator()
            .next()
            .getSchema()
            .get$ref();
    return api.getComponents().getSchemas().get(ref.substring(ref.lastIndexOf('/') + 1));
  }

  @Test
  void channelsAreDocumentedOnListingsRefundsAndReconciliations() {
    OpenAPI api = document();
    for (String listing :
        List.of("/api/v1/payments", "/api/v1/refunds", "/api/v1/reconciliations/{billDate}")) {
      assertThat(api.getPaths().get(listing).getGet().getParameters())
          .as(listing)
          .anySatisfy(p -> assertThat(p.getName()).isEqualTo("channel"));
    }
    Operation reconcile = api.getPaths().get("/api/v1/reconciliations").getPost();
    String body =
        reconcile.getRequestBody().getContent().values().iterator().next().getSchema().get$ref();
    assertThat(
            api.getComponents()
                .getSchemas()
                .get(body.substring(body.lastIndexOf('/') + 1))
                .getProperties())
        .containsKeys("bill_date", "channel", "app");
    assertThat(schemaOf(api, reconcile).getProperties()).containsKeys("channel", "app");
    assertThat(
            schemaOf(api, api.getPaths().get("/api/v1/payments/{outTradeNo}").getGet())
                .getProperties())
        .containsKey("channel");
    assertThat(
            schemaOf(
                    api,
                    api.getPaths()
                        .get("/api/v1/payments/{outTradeNo}/refunds/{outRequestNo}")
                        .getGet())
                .getProperties())
        .containsKey("channel");
    assertThat(api.getInfo().getDescription()).contains("wechatpay");
  }
}
