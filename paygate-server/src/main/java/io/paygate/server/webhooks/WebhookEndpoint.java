package io.paygate.server.webhooks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A shop's endpoint.
 *
 * @param events the event types it takes; empty for all of them
 * @param previousSecret the secret it had before its last rotation, signing beside the new one
 *     until {@code previousSecretUntil}, or null
 */
record WebhookEndpoint(
    String id,
    String url,
    List<String> events,
    String secret,
    String previousSecret,
    Instant previousSecretUntil,
    Instant createdAt) {

  boolean takes(String type) {
    return events.isEmpty() || events.contains(type);
  }

  /** The secrets that sign a delivery sent at {@code now}: the current one first. */
  List<String> signingSecrets(Instant now) {
    List<String> secrets = new ArrayList<>(List.of(secret));
    if (previousSecret != null
        && previousSecretUntil != null
        && now.isBefore(previousSecretUntil)) {
      secrets.add(previousSecret);
    }
    return secrets;
  }
}
