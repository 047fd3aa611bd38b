package io.paygate.server.webhooks;

import io.paygate.core.errors.PayGateException;
import io.paygate.server.api.AdminScope;
import io.paygate.server.api.ApiController;
import io.paygate.server.api.ListPage;
import io.paygate.server.api.ListParameters;
import io.paygate.server.api.ReadScope;
import io.paygate.server.apikeys.AppAccess;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /api/v1/events}: what happened, what was sent, and sending it again. A key limited to apps
 * sees only its apps' payments' events.
 */
@ApiController
@RequestMapping("/api/v1/events")
public class EventApiController {

  private final Events events;
  private final WebhookDeliveries deliveries;
  private final WebhookDispatcher dispatcher;
  private final JsonMapper json;

  public EventApiController(
      Events events, WebhookDeliveries deliveries, WebhookDispatcher dispatcher, JsonMapper json) {
    this.events = events;
    this.deliveries = deliveries;
    this.dispatcher = dispatcher;
    this.json = json;
  }

  @ReadScope
  @GetMapping
  public ListPage<EventView> list(
      @RequestParam(required = false) String payment,
      @RequestParam(required = false) String type,
      @RequestParam(name = "starting_after", required = false) String startingAfter,
      @RequestParam(name = "limit", required = false) Integer requestedLimit) {
    int limit = ListParameters.limit(requestedLimit);
    if (type != null && !type.isBlank() && !EventType.known(type)) {
      throw PayGateException.invalid("type", "unknown event type; known: " + EventType.names());
    }
    List<EventView> found =
        events.list(payment, type, startingAfter, limit, AppAccess.keyApps()).stream()
            .map(event -> view(event, false))
            .toList();
    return ListPage.of(found, limit);
  }

  @ReadScope
  @GetMapping("/{id}")
  public EventView get(@PathVariable String id) {
    return view(events.get(id, AppAccess.keyApps()), true);
  }

  /** Sends the event again now to every live endpoint that had it, whatever happened before. */
  @AdminScope
  @PostMapping("/{id}/redeliver")
  public EventView redeliver(@PathVariable String id) {
    Events.Event event = events.get(id, AppAccess.keyApps());
    dispatcher.redeliver(id);
    return view(event, true);
  }

  private EventView view(Events.Event event, boolean withDeliveries) {
    return new EventView(
        event.id(),
        event.type(),
        event.created(),
        json.readTree(event.payload()).get("data"),
        withDeliveries ? deliveries.forEvent(event.id()) : null);
  }
}
