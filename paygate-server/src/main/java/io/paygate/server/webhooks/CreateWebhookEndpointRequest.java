package io.paygate.server.webhooks;

import java.util.List;

/**
 * {@code POST /api/v1/webhook-endpoints}.
 *
 * @param events the event types to send; absent or empty for all of them
 * @param apps the apps whose events to send; absent or empty for every app (a key limited to apps
 *     must name some of its own)
 */
public record CreateWebhookEndpointRequest(String url, List<String> events, List<String> apps) {}
