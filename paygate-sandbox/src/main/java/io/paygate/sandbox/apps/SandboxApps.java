package io.paygate.sandbox.apps;

import io.paygate.sandbox.certificates.IssuedAlipayCert;
import io.paygate.sandbox.certificates.IssuedAppCert;
import io.paygate.sandbox.certificates.SandboxCertificates;
import io.paygate.sandbox.clock.VirtualClock;
import io.paygate.sandbox.problems.SandboxProblem;
import io.paygate.sandbox.signing.RsaKeys;
import io.paygate.sandbox.wire.Ids;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;

/**
 * The registry of merchant apps. An embedding server reads {@link #defaultApp()} at start-up to
 * configure itself with no configuration at all. An app's own public key never changes once
 * inserted, and each "Alipay" private key is parsed once and kept by its text (a cert-mode app's
 * changes when its certificate is rotated); the app itself is read each time, as its OpenID mode
 * and "Alipay" certificate can be switched (by any instance sharing the database).
 */
@Service
public class SandboxApps {

  private final AppRepository apps;
  private final VirtualClock clock;
  private final SandboxCertificates certificates;
  private final Map<String, Optional<PublicKey>> appPublicKeys = new ConcurrentHashMap<>();
  private final Map<String, PrivateKey> alipayPrivateKeys = new ConcurrentHashMap<>();

  public SandboxApps(AppRepository apps, VirtualClock clock, SandboxCertificates certificates) {
    this.apps = apps;
    this.clock = clock;
    this.certificates = certificates;
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

  /** The app's parsed keys; the "Alipay" one is the app's current signing key. */
  public AppKeys keys(App app) {
    return new AppKeys(
        appPublicKeys
            .computeIfAbsent(app.appId(), id -> RsaKeys.publicKey(app.appPublicKey()))
            .orElse(null),
        alipayPrivateKeys.computeIfAbsent(app.alipayPrivateKey(), RsaKeys::privateKey));
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
    String cleaned = checkedPublicKey(appPublicKey);
    RsaKeys.EncodedKeyPair alipayKeys = RsaKeys.generate();
    return insert(
        new App(
            newAppId(),
            Ids.userId(),
            displayName(name),
            cleaned,
            null,
            alipayKeys.publicKey(),
            alipayKeys.privateKey(),
            false,
            openidMode,
            false,
            null,
            null,
            null));
  }

  /**
   * Registers a merchant's public key in certificate mode: the sandbox certifies it (the app
   * public-key certificate) and issues the app its first "Alipay" certificate, whose key signs.
   */
  public App registerCertMode(String appPublicKey, String name, boolean openidMode) {
    String cleaned = checkedPublicKey(appPublicKey);
    String appId = newAppId();
    IssuedAppCert appCert =
        certificates.issueAppCert(appId, RsaKeys.publicKey(cleaned).orElseThrow());
    IssuedAlipayCert alipayCert = certificates.issueAlipayCert(appId);
    return insert(
        new App(
            appId,
            Ids.userId(),
            displayName(name),
            cleaned,
            null,
            alipayCert.publicKey(),
            alipayCert.privateKey(),
            false,
            openidMode,
            true,
            appCert.pem(),
            appCert.sn(),
            alipayCert.cert().alipayCertSn()));
  }

  /**
   * A new "Alipay" certificate and key pair for a cert-mode app: every answer and notify from now
   * on is signed with it and names its SN; the old certificates stay downloadable by SN.
   */
  public App rotateAlipayCert(String appId) {
    App app =
        apps.find(appId)
            .orElseThrow(() -> SandboxProblem.notFound("APP_NOT_FOUND", "No app " + appId + "."));
    if (!app.certMode()) {
      throw SandboxProblem.conflict(
          "APP_NOT_IN_CERT_MODE",
          "App " + appId + " uses public-key mode: it has no Alipay certificate to rotate.");
    }
    IssuedAlipayCert next = certificates.issueAlipayCert(appId);
    apps.rotateAlipayCert(appId, next.cert().alipayCertSn(), next.publicKey(), next.privateKey());
    return apps.find(appId).orElseThrow();
  }

  private synchronized void ensureDefaultApp() {
    if (apps.findDefault().isEmpty()) {
      RsaKeys.EncodedKeyPair appKeys = RsaKeys.generate();
      // One "Alipay" key pair per app, never equal to the app's own (the SDK refuses that).
      RsaKeys.EncodedKeyPair alipayKeys = RsaKeys.generate();
      insert(
          new App(
              newAppId(),
              Ids.userId(),
              "default app",
              appKeys.publicKey(),
              appKeys.privateKey(),
              alipayKeys.publicKey(),
              alipayKeys.privateKey(),
              true,
              false,
              false,
              null,
              null,
              null));
    }
  }

  private static String checkedPublicKey(String appPublicKey) {
    if (RsaKeys.publicKey(appPublicKey).isEmpty()) {
      throw SandboxProblem.badRequest(
          "INVALID_PUBLIC_KEY",
          "app_public_key must be a Base64 X.509 (SubjectPublicKeyInfo) RSA public key.",
          "app_public_key");
    }
    return appPublicKey.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
  }

  private static String displayName(String name) {
    return name == null || name.isBlank() ? "merchant app" : name;
  }

  private static String newAppId() {
    return "2021000" + Ids.digits(9);
  }

  private App insert(App app) {
    apps.insert(app, clock.millis());
    return app;
  }
}
