package io.paygate.server.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * An endpoint as the API shows it. The secret is shown only in the answer that made it (create or
 * rotate), never again.
 *
 * @param events the event types it takes; every type when it takes them all
 * @param apps the apps whose events it takes; every app when it is not limited to some
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookEndpointView(
    String id, String url, List<String> events, List<String> apps, String secret, Instant created) {

  static WebhookEndpointView of(
      WebhookEndpoint endpoint, boolean withSecret, Collection<String> everyApp) {
    return new WebhookEndpointView(
        endpoint.id(),
        endpoint.url(),
        endpoint.events().isEmpty() ? EventType.names() : endpoint.events(),
        new TreeSet<>(endpoint.apps().isEmpty() ? everyApp : endpoint.apps()).stream().toList(),
        withSecret ? endpoint.secret() : null,
        endpoint.createdAt());
  }
}
