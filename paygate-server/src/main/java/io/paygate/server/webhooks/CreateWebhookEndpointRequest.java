package io.paygate.server.webhooks;

import java.util.List;

/**
 * {@code POST /api/v1/webhook-endpoints}.
 *
 * @param events the event types to send; absent or empty for all of them
 */
public record CreateWebhookEndpointRequest(String url, List<String> events) {}
