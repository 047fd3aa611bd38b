package io.paygate.server.webhooks;

import io.paygate.server.api.ApiController;
import io.paygate.server.api.ShownOnce;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;

/** {@code /api/v1/webhook-endpoints}: where a shop hears back. */
@ApiController
@RequestMapping("/api/v1/webhook-endpoints")
public class WebhookEndpointApiController {

  private final WebhookEndpoints endpoints;
  private final WebhooksProperties properties;

  public WebhookEndpointApiController(WebhookEndpoints endpoints, WebhooksProperties properties) {
    this.endpoints = endpoints;
    this.properties = properties;
  }

  @PostMapping
  public ResponseEntity<WebhookEndpointView> create(
      @RequestBody CreateWebhookEndpointRequest request) {
    WebhookEndpoint endpoint = endpoints.create(request.url(), request.events());
    ShownOnce.mark(); // the secret, in the clear: never kept for a replay
    return ResponseEntity.created(URI.create("/api/v1/webhook-endpoints/" + endpoint.id()))
        .body(WebhookEndpointView.of(endpoint, true));
  }

  @GetMapping
  public List<WebhookEndpointView> list() {
    return endpoints.live().stream().map(e -> WebhookEndpointView.of(e, false)).toList();
  }

  @GetMapping("/{id}")
  public WebhookEndpointView get(@PathVariable String id) {
    return WebhookEndpointView.of(endpoints.get(id), false);
  }

  @DeleteMapping("/{id}")
  public ResponseEntity<Void> delete(@PathVariable String id) {
    endpoints.delete(id);
    return ResponseEntity.noContent().build();
  }

  /** A new secret; the old one keeps signing beside it for paygate.webhooks.rotation-overlap. */
  @PostMapping("/{id}/rotate-secret")
  public WebhookEndpointView rotate(@PathVariable String id) {
    ShownOnce.mark(); // the new secret, in the clear: never kept for a replay
    return WebhookEndpointView.of(endpoints.rotate(id, properties.rotationOverlap()), true);
  }
}
