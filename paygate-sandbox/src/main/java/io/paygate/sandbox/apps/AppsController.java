package io.paygate.sandbox.apps;

import io.paygate.sandbox.control.Require;
import io.paygate.sandbox.control.SandboxProblem;
import io.paygate.sandbox.support.PublicUrl;
import jakarta.servlet.http.HttpServletRequest;
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

/** Control API: the registered merchant apps and their keys. */
@RestController
public class AppsController {

  private final SandboxApps apps;
  private final PublicUrl publicUrl;

  public AppsController(SandboxApps apps, PublicUrl publicUrl) {
    this.apps = apps;
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

  private static AppView view(App a, String gateway) {
    return new AppView(
        a.appId(),
        a.name(),
        a.sellerId(),
        a.appPrivateKey(),
        a.appPublicKey(),
        a.alipayPublicKey(),
        gateway,
        a.openidMode());
  }

  @PostMapping("/sandbox/api/apps")
  @ResponseStatus(HttpStatus.CREATED)
  NewAppView register(@RequestBody NewApp body, HttpServletRequest request) {
    App app =
        apps.register(
            Require.text(body.appPublicKey(), "app_public_key"),
            body.name(),
            Boolean.TRUE.equals(body.openidMode()));
    return new NewAppView(
        app.appId(),
        app.sellerId(),
        app.alipayPublicKey(),
        publicUrl.gateway(request),
        app.openidMode());
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record NewApp(String appPublicKey, String name, Boolean openidMode) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record OpenidMode(Boolean openidMode) {}

  /** {@code app_private_key} is null for apps registered with a merchant's own key. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record AppView(
      String appId,
      String name,
      String sellerId,
      String appPrivateKey,
      String appPublicKey,
      String alipayPublicKey,
      String gatewayUrl,
      boolean openidMode) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record NewAppView(
      String appId,
      String sellerId,
      String alipayPublicKey,
      String gatewayUrl,
      boolean openidMode) {}
}
