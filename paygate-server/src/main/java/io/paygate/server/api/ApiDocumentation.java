package io.paygate.server.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API's OpenAPI 3 document ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}):
 * springdoc reads the controllers; this adds what every route shares, once: the bearer key, the
 * problem-detail refusals, and {@code Idempotency-Key} on every POST.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

  private static final String PROBLEM = "Problem";
  private static final String PROBLEM_JSON = "application/problem+json";
  private static final Map<String, String> REFUSALS =
      Map.of(
          "400",
          "VALIDATION_FAILED or MALFORMED_REQUEST: a field is wrong (`field` names it)",
          "401",
          "UNAUTHORIZED: no, wrong or revoked API key",
          "403",
          "SCOPE_REQUIRED: the key's scope does not cover the request",
          "404",
          "no such payment, refund, event, endpoint or key",
          "409",
          "the object's state does not allow it, or IDEMPOTENCY_KEY_IN_USE",
          "422",
          "REFUND_EXCEEDS_AVAILABLE, CHANNEL_REJECTED or IDEMPOTENCY_KEY_REUSED",
          "503",
          "CHANNEL_UNAVAILABLE: the channel (Alipay, WeChat Pay) did not answer a call that moves"
              + " no money (a QR code, a bill); nothing was changed. Where money may have moved, the answer is a 202");

  @Bean
  OpenAPI payGateApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("PayGate merchant API")
                .version("v1")
                .description(
                    "Alipay and WeChat Pay payments for a shop's systems: `channel` (alipay,"
                        + " the default, or wechatpay) on create, on every payment, refund and"
                        + " event, as a listing filter and per reconciliation. JSON, snake_case,"
                        + " amounts as decimal strings in yuan. Refusals are RFC 9457 problem details with a stable"
                        + " `code`. Webhooks are signed `PayGate-Signature: t=…,v1=…`, see the"
                        + " README."))
        .components(
            new Components()
                .addSecuritySchemes(
                    "bearer",
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description(
                            "An API key: the bootstrap key, or one from /api/v1/api-keys")))
        .addSecurityItem(new SecurityRequirement().addList("bearer"));
  }

  /**
   * The schemas in the API's own names. The document's generator reads Jackson 2's annotations, not
   * the Jackson 3 {@code @JsonNaming} the views carry, and every API name is snake_case.
   */
  @Bean
  ModelResolver snakeCaseSchemas() {
    return new ModelResolver(
        Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
  }

  @Bean
  OpenApiCustomizer sharedAnswers() {
    return api -> {
      // Added here, after springdoc has built the components from the controllers.
      if (api.getComponents() == null) {
        api.setComponents(new Components());
      }
      api.getComponents().addSchemas(PROBLEM, problemSchema());
      api.getPaths()
          .forEach(
              (path, item) ->
                  item.readOperationsMap()
                      .forEach((method, operation) -> shared(method, operation)));
    };
  }

  private static void shared(PathItem.HttpMethod method, Operation operation) {
    REFUSALS.forEach(
        (status, description) ->
            operation
                .getResponses()
                .putIfAbsent(
                    status,
                    new ApiResponse()
                        .description(description)
                        .content(
                            new Content()
                                .addMediaType(
                                    PROBLEM_JSON,
                                    new MediaType()
                                        .schema(
                                            new Schema<>()
                                                .$ref("#/components/schemas/" + PROBLEM))))));
    if (method == PathItem.HttpMethod.POST) {
      operation.addParametersItem(
          new HeaderParameter()
              .name("Idempotency-Key")
              .required(false)
              .description(
                  "Makes a retry safe: the same request with the same key gets the first answer"
                      + " again for 24 h (with Idempotent-Replayed: true)")
              .schema(
                  new StringSchema()
                      .maxLength(255)
                      .example("3f2b8c1e-9d4a-4b7e-a1c2-5e6f7a8b9c0d")));
    }
  }

  @SuppressWarnings("rawtypes")
  private static Schema problemSchema() {
    return new ObjectSchema()
        .description("RFC 9457 problem details, with PayGate's stable code")
        .addProperty("type", new StringSchema().example("about:blank"))
        .addProperty("title", new StringSchema().example("Bad Request"))
        .addProperty("status", new IntegerSchema().example(400))
        .addProperty(
            "detail", new StringSchema().example("total_amount must be a decimal string in yuan"))
        .addProperty("instance", new StringSchema().example("/api/v1/payments"))
        .addProperty("code", new StringSchema().example("VALIDATION_FAILED"))
        .addProperty("field", new StringSchema().example("total_amount"))
        .addProperty("alipay_sub_code", new StringSchema().example("ACQ.TRADE_HAS_SUCCESS"));
  }
}
