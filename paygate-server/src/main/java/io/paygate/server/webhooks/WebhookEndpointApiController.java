package io.paygate.server.webhooks;

import io.paygate.core.channel.Channels;
import io.paygate.core.channel.MerchantApps;
import io.paygate.server.api.AdminScope;
import io.paygate.server.api.ApiController;
import io.paygate.server.api.ShownOnce;
import io.paygate.server.apikeys.AppAccess;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * {@code /api/v1/webhook-endpoints}: where a shop hears back. A key limited to apps sees and
 * manages only endpoints limited to some of its apps, and makes only such endpoints.
 */
@ApiController
@RequestMapping("/api/v1/webhook-endpoints")
public class WebhookEndpointApiController {

  private final WebhookEndpoints endpoints;
  private final WebhooksProperties properties;

  private final MerchantApps apps;

  public WebhookEndpointApiController(
      WebhookEndpoints endpoints, WebhooksProperties properties, Channels channels) {
    this.endpoints = endpoints;
    this.properties = properties;
    this.apps = channels.apps();
  }

  @AdminScope
  @PostMapping
  public ResponseEntity<WebhookEndpointView> create(
      @RequestBody CreateWebhookEndpointRequest request) {
    WebhookEndpoint endpoint =
        endpoints.create(
            request.url(), request.events(), request.apps(), AppAccess.keyApps(), apps.names());
    ShownOnce.mark(); // the secret, in the clear: never kept for a replay
    return ResponseEntity.created(URI.create("/api/v1/webhook-endpoints/" + endpoint.id()))
        .body(view(endpoint, true));
  }

  @AdminScope
  @GetMapping
  public List<WebhookEndpointView> list() {
    Set<String> keyApps = AppAccess.keyApps();
    return endpoints.live().stream()
        .filter(endpoint -> endpoint.within(keyApps))
        .map(endpoint -> view(endpoint, false))
        .toList();
  }

  @AdminScope
  @GetMapping("/{id}")
  public WebhookEndpointView get(@PathVariable String id) {
    return view(endpoints.get(id, AppAccess.keyApps()), false);
  }

  @AdminScope
  @DeleteMapping("/{id}")
  public ResponseEntity<Void> delete(@PathVariable String id) {
    endpoints.get(id, AppAccess.keyApps());
    endpoints.delete(id);
    return ResponseEntity.noContent().build();
  }

  /** A new secret; the old one keeps signing beside it for paygate.webhooks.rotation-overlap. */
  @AdminScope
  @PostMapping("/{id}/rotate-secret")
  public WebhookEndpointView rotate(@PathVariable String id) {
    endpoints.get(id, AppAccess.keyApps());
    WebhookEndpoint rotated = endpoints.rotate(id, properties.rotationOverlap());
    ShownOnce.mark(); // the new secret, in the clear: never kept for a replay
    return view(rotated, true);
  }

  private WebhookEndpointView view(WebhookEndpoint endpoint, boolean withSecret) {
    return WebhookEndpointView.of(endpoint, withSecret, apps.names());
  }
}
