package io.paygate.server.webhooks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A shop's endpoint.
 *
 * @param events the event types it takes; empty for all of them
 * @param apps the merchant's apps whose events it takes; empty for every app
 * @param previousSecret the secret it had before its last rotation, signing beside the new one
 *     until {@code previousSecretUntil}, or null
 */
record WebhookEndpoint(
    String id,
    String url,
    List<String> events,
    Set<String> apps,
    String secret,
    String previousSecret,
    Instant previousSecretUntil,
    Instant createdAt) {

  WebhookEndpoint {
    apps = Set.copyOf(apps);
  }

  /** Whether an event of this type, of a payment of this app, is sent here. */
  boolean takes(String type, String app) {
    return (events.isEmpty() || events.contains(type)) && (apps.isEmpty() || apps.contains(app));
  }

  /** Whether a key of these apps (none: every app) may see and manage it: none outside them. */
  boolean within(Set<String> keyApps) {
    return keyApps.isEmpty() || (!apps.isEmpty() && keyApps.containsAll(apps));
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
