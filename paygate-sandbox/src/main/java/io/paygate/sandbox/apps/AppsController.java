package io.paygate.sandbox.apps;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.paygate.sandbox.PublicUrl;
import io.paygate.sandbox.certificates.AlipayCert;
import io.paygate.sandbox.certificates.SandboxCertificates;
import io.paygate.sandbox.problems.Require;
import io.paygate.sandbox.problems.SandboxProblem;
import io.paygate.sandbox.wire.AlipayTime;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** Control API: the registered merchant apps, their keys and (in certificate mode) certificates. */
@RestController
public class AppsController {

  private static final int NAME_MAX = 128;

  private final SandboxApps apps;
  private final SandboxCertificates certificates;
  private final PublicUrl publicUrl;

  public AppsController(SandboxApps apps, SandboxCertificates certificates, PublicUrl publicUrl) {
    this.apps = apps;
    this.certificates = certificates;
    this.publicUrl = publicUrl;
  }

  @GetMapping("/sandbox/api/apps")
  List<AppView> list(HttpServletRequest request) {
    String gateway = publicUrl.gateway(request);
    return apps.all().stream().map(a -> view(a, gateway)).toList();
  }

  /** OpenID mode on or off for an app (the default app too); answers the app's view. */
  @PutMapping("/sandbox/api/apps/{appId}/openid_mode")
  AppView openidMode(
      @PathVariable String appId, @RequestBody OpenidMode body, HttpServletRequest request) {
    if (body == null || body.openidMode() == null) {
      throw SandboxProblem.badRequest(
          "MISSING_FIELD", "openid_mode is required: true or false.", "openid_mode");
    }
    return view(apps.setOpenidMode(appId, body.openidMode()), publicUrl.gateway(request));
  }

  /** A cert-mode app gets a new "Alipay" certificate; answers the app with it. */
  @PostMapping("/sandbox/api/apps/{appId}/alipay-cert/rotate")
  AppView rotateAlipayCert(@PathVariable String appId, HttpServletRequest request) {
    return view(apps.rotateAlipayCert(appId), publicUrl.gateway(request));
  }

  /** Every "Alipay" certificate the app has had, with how often each was downloaded. */
  @GetMapping("/sandbox/api/apps/{appId}/alipay-certs")
  List<AlipayCertView> alipayCerts(@PathVariable String appId) {
    App app =
        apps.find(appId)
            .orElseThrow(() -> SandboxProblem.notFound("APP_NOT_FOUND", "No app " + appId + "."));
    return certificates.alipayCerts(appId).stream()
        .map(
            c ->
                new AlipayCertView(
                    c.alipayCertSn(),
                    c.alipayCertSn().equals(app.alipayCertSn()),
                    c.certChain(),
                    AlipayTime.format(Instant.ofEpochMilli(c.createdAt())),
                    c.downloads()))
        .toList();
  }

  @PostMapping("/sandbox/api/apps")
  @ResponseStatus(HttpStatus.CREATED)
  NewAppView register(@RequestBody NewApp body, HttpServletRequest request) {
    String key = Require.text(body.appPublicKey(), "app_public_key");
    if (body.name() != null && body.name().length() > NAME_MAX) {
      throw SandboxProblem.badRequest(
          "INVALID_NAME", "name must be at most " + NAME_MAX + " characters.", "name");
    }
    boolean openid = Boolean.TRUE.equals(body.openidMode());
    App app =
        Boolean.TRUE.equals(body.certMode())
            ? apps.registerCertMode(key, body.name(), openid)
            : apps.register(key, body.name(), openid);
    Certs certs = certs(app);
    return new NewAppView(
        app.appId(),
        app.sellerId(),
        app.alipayPublicKey(),
        publicUrl.gateway(request),
        app.openidMode(),
        app.certMode(),
        certs.appCert(),
        certs.alipayCert(),
        certs.alipayRootCert(),
        app.appCertSn(),
        app.alipayCertSn(),
        certs.alipayRootCertSn());
  }

  private AppView view(App a, String gateway) {
    Certs certs = certs(a);
    return new AppView(
        a.appId(),
        a.name(),
        a.sellerId(),
        a.appPrivateKey(),
        a.appPublicKey(),
        a.alipayPublicKey(),
        gateway,
        a.openidMode(),
        a.certMode(),
        certs.appCert(),
        certs.alipayCert(),
        certs.alipayRootCert(),
        a.appCertSn(),
        a.alipayCertSn(),
        certs.alipayRootCertSn());
  }

  /** The three files of a cert-mode app (all null in public-key mode). */
  private Certs certs(App app) {
    if (!app.certMode()) {
      return new Certs(null, null, null, null);
    }
    return new Certs(
        app.appCert(),
        certificates
            .alipayCert(app.appId(), app.alipayCertSn())
            .map(AlipayCert::certChain)
            .orElseThrow(),
        certificates.rootBundle(),
        certificates.rootCertSn());
  }

  private record Certs(
      String appCert, String alipayCert, String alipayRootCert, String alipayRootCertSn) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record NewApp(String appPublicKey, String name, Boolean openidMode, Boolean certMode) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record OpenidMode(Boolean openidMode) {}

  /**
   * {@code app_private_key} is null for apps registered with a merchant's own key; the certificate
   * fields appear for cert-mode apps only.
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record AppView(
      String appId,
      String name,
      String sellerId,
      String appPrivateKey,
      String appPublicKey,
      String alipayPublicKey,
      String gatewayUrl,
      boolean openidMode,
      boolean certMode,
      @JsonInclude(JsonInclude.Include.NON_NULL) String appCert,
      @JsonInclude(JsonInclude.Include.NON_NULL) String alipayCert,
      @JsonInclude(JsonInclude.Include.NON_NULL) String alipayRootCert,
      @JsonInclude(JsonInclude.Include.NON_NULL) String appCertSn,
      @JsonInclude(JsonInclude.Include.NON_NULL) String alipayCertSn,
      @JsonInclude(JsonInclude.Include.NON_NULL) String alipayRootCertSn) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record NewAppView(
      String appId,
      String sellerId,
      String alipayPublicKey,
      String gatewayUrl,
      boolean openidMode,
      boolean certMode,
      @JsonInclude(JsonInclude.Include.NON_NULL) String appCert,
      @JsonInclude(JsonInclude.Include.NON_NULL) String alipayCert,
      @JsonInclude(JsonInclude.Include.NON_NULL) String alipayRootCert,
      @JsonInclude(JsonInclude.Include.NON_NULL) String appCertSn,
      @JsonInclude(JsonInclude.Include.NON_NULL) String alipayCertSn,
      @JsonInclude(JsonInclude.Include.NON_NULL) String alipayRootCertSn) {}

  /**
   * @param current whether it signs the app's answers now
   * @param downloads how often alipay.open.app.alipaycert.download handed it out
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record AlipayCertView(
      String alipayCertSn, boolean current, String alipayCert, String createdAt, int downloads) {}
}
