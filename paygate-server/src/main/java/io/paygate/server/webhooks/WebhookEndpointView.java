package io.paygate.server.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * An endpoint as the API shows it. The secret is shown only in the answer that made it (create or
 * rotate), never again.
 *
 * @param events the event types it takes; every type when it takes them all
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookEndpointView(
    String id, String url, List<String> events, String secret, Instant created) {

  static WebhookEndpointView of(WebhookEndpoint endpoint, boolean withSecret) {
    return new WebhookEndpointView(
        endpoint.id(),
        endpoint.url(),
        endpoint.events().isEmpty() ? EventType.names() : endpoint.events(),
        withSecret ? endpoint.secret() : null,
        endpoint.createdAt());
  }
}
