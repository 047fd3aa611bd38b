package io.paygate.sandbox.apps;

import io.paygate.sandbox.clock.VirtualClock;
import io.paygate.sandbox.control.SandboxProblem;
import io.paygate.sandbox.signing.RsaKeys;
import io.paygate.sandbox.support.Ids;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;

/**
 * The registry of merchant apps. An embedding server reads {@link #defaultApp()} at start-up to
 * configure itself with no configuration at all. An app's keys never change once inserted, so they
 * are parsed once and kept; the app itself is read each time, as its OpenID mode can be switched
 * (by any instance sharing the database).
 */
@Service
public class SandboxApps {

  private final AppRepository apps;
  private final VirtualClock clock;
  private final Map<String, AppKeys> keys = new ConcurrentHashMap<>();

  public SandboxApps(AppRepository apps, VirtualClock clock) {
    this.apps = apps;
    this.clock = clock;
    ensureDefaultApp();
  }

  /** The app created on first start (its keys survive restarts). */
  public DefaultAppCredentials defaultApp() {
    App app = apps.findDefault().orElseThrow();
    return new DefaultAppCredentials(
        app.appId(),
        app.sellerId(),
        app.appPrivateKey(),
        app.appPublicKey(),
        app.alipayPublicKey());
  }

  public Optional<App> find(String appId) {
    return apps.find(appId);
  }

  /** The app's parsed keys. */
  public AppKeys keys(App app) {
    return keys.computeIfAbsent(
        app.appId(),
        id ->
            new AppKeys(
                RsaKeys.publicKey(app.appPublicKey()).orElse(null),
                RsaKeys.privateKey(app.alipayPrivateKey())));
  }

  /** Switches how the app names buyers from now on; answers the app as it is now. */
  public App setOpenidMode(String appId, boolean openidMode) {
    if (!apps.setOpenidMode(appId, openidMode)) {
      throw SandboxProblem.notFound("APP_NOT_FOUND", "No app " + appId + ".");
    }
    return apps.find(appId).orElseThrow();
  }

  public List<App> all() {
    return apps.findAll();
  }

  /** Registers a merchant's own public key; the sandbox never learns the private half. */
  public App register(String appPublicKey, String name) {
    return register(appPublicKey, name, false);
  }

  /** As {@link #register(String, String)}, naming buyers by open id if {@code openidMode}. */
  public App register(String appPublicKey, String name, boolean openidMode) {
    if (RsaKeys.publicKey(appPublicKey).isEmpty()) {
      throw SandboxProblem.badRequest(
          "INVALID_PUBLIC_KEY",
          "app_public_key must be a Base64 X.509 (SubjectPublicKeyInfo) RSA public key.",
          "app_public_key");
    }
    String cleaned = appPublicKey.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return create(
        cleaned, null, name == null || name.isBlank() ? "merchant app" : name, false, openidMode);
  }

  private synchronized void ensureDefaultApp() {
    if (apps.findDefault().isEmpty()) {
      RsaKeys.EncodedKeyPair appKeys = RsaKeys.generate();
      create(appKeys.publicKey(), appKeys.privateKey(), "default app", true, false);
    }
  }

  private App create(
      String appPublicKey,
      String appPrivateKey,
      String name,
      boolean isDefault,
      boolean openidMode) {
    // One "Alipay" key pair per app, never equal to the app's own (the SDK refuses that).
    RsaKeys.EncodedKeyPair alipayKeys = RsaKeys.generate();
    App app =
        new App(
            "2021000" + Ids.digits(9),
            Ids.userId(),
            name,
            appPublicKey,
            appPrivateKey,
            alipayKeys.publicKey(),
            alipayKeys.privateKey(),
            isDefault,
            openidMode);
    apps.insert(app, clock.millis());
    return app;
  }
}
