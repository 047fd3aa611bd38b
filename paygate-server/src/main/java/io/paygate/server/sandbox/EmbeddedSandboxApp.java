package io.paygate.server.sandbox;

import io.paygate.sandbox.apps.DefaultAppCredentials;
import io.paygate.sandbox.apps.SandboxApps;

/**
 * The embedded sandbox's default app, as the channel needs it. Only this package talks to the
 * sandbox's own classes, so the rest of the server stays a plain Alipay merchant.
 */
public class EmbeddedSandboxApp {

  /** The keys and ids of the app PayGate plays, read at start-up. */
  public record Credentials(
      String appId,
      String appPrivateKey,
      String alipayPublicKey,
      String appPublicKey,
      String sellerId) {}

  private final SandboxApps apps;

  EmbeddedSandboxApp(SandboxApps apps) {
    this.apps = apps;
  }

  public Credentials credentials() {
    DefaultAppCredentials app = apps.defaultApp();
    return new Credentials(
        app.appId(),
        app.appPrivateKey(),
        app.alipayPublicKey(),
        app.appPublicKey(),
        app.sellerId());
  }
}
