package io.paygate.server.webhooks;

import io.paygate.server.api.ListPage;
import io.paygate.server.pages.PageController;
import java.util.List;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** {@code /webhooks}: the shop's endpoints, the events and how their deliveries went. */
@PageController
public class WebhookPagesController {

  static final int PAGE = 50;

  /** An event as the page lists it. */
  public record Row(Events.Event event, List<WebhookDeliveries.Delivery> deliveries) {}

  private final WebhookEndpoints endpoints;
  private final Events events;
  private final WebhookDeliveries deliveries;
  private final WebhookDispatcher dispatcher;
  private final WebhooksProperties properties;

  public WebhookPagesController(
      WebhookEndpoints endpoints,
      Events events,
      WebhookDeliveries deliveries,
      WebhookDispatcher dispatcher,
      WebhooksProperties properties) {
    this.endpoints = endpoints;
    this.events = events;
    this.deliveries = deliveries;
    this.dispatcher = dispatcher;
    this.properties = properties;
  }

  @GetMapping("/webhooks")
  public String list(@RequestParam(name = "after", required = false) String after, Model model) {
    ListPage<Events.Event> page = ListPage.of(events.list(null, null, after, PAGE), PAGE);
    model.addAttribute("endpoints", endpoints.live());
    model.addAttribute("eventTypes", EventType.names());
    model.addAttribute(
        "rows", page.data().stream().map(e -> new Row(e, deliveries.forEvent(e.id()))).toList());
    model.addAttribute(
        "nextPage", page.hasMore() ? page.data().get(page.data().size() - 1).id() : null);
    return "webhooks/webhooks";
  }

  /** An admin adds an endpoint; its secret is shown on the next page only, never again. */
  @PostMapping("/webhooks/endpoints")
  public String addEndpoint(
      @RequestParam String url,
      @RequestParam(name = "events", required = false) List<String> types,
      RedirectAttributes redirect) {
    WebhookEndpoint made = endpoints.create(url, types);
    redirect.addFlashAttribute("secretFor", made.id());
    redirect.addFlashAttribute("secret", made.secret());
    return "redirect:/webhooks";
  }

  @PostMapping("/webhooks/endpoints/{id}/rotate")
  public String rotate(@PathVariable String id, RedirectAttributes redirect) {
    WebhookEndpoint rotated = endpoints.rotate(id, properties.rotationOverlap());
    redirect.addFlashAttribute("secretFor", rotated.id());
    redirect.addFlashAttribute("secret", rotated.secret());
    return "redirect:/webhooks";
  }

  @PostMapping("/webhooks/endpoints/{id}/delete")
  public String delete(@PathVariable String id, RedirectAttributes redirect) {
    endpoints.delete(id);
    redirect.addFlashAttribute("notice", "已删除 Deleted " + id);
    return "redirect:/webhooks";
  }

  @PostMapping("/webhooks/events/{id}/redeliver")
  public String redeliver(@PathVariable String id, RedirectAttributes redirect) {
    events.get(id);
    int sent = dispatcher.redeliver(id);
    redirect.addFlashAttribute(
        "notice", "已重新发送 Sent again: " + id + " (" + sent + " 个接收端 endpoints)");
    return "redirect:/webhooks";
  }
}
