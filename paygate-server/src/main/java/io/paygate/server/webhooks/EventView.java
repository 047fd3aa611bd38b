package io.paygate.server.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * An event as the API shows it: what its deliveries send ({@code id}, {@code type}, {@code
 * created}, {@code data.object}), and, for one event, how each delivery went.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventView(
    String id,
    String type,
    Instant created,
    JsonNode data,
    List<WebhookDeliveries.Delivery> deliveries) {}
