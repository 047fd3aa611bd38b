package io.paygate.sandbox.gateway;

import io.paygate.sandbox.PublicUrl;
import io.paygate.sandbox.apps.App;
import io.paygate.sandbox.apps.SandboxApps;
import io.paygate.sandbox.signing.SignType;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.ModelAndView;

/**
 * {@code /sandbox/gateway.do}: one URL for every API, picked by {@code method}. Runs the protocol
 * checks ({@link ProtocolChecks}), the fault plan ({@link FaultPlanner}), then the API; answers
 * HTTP 200 always, as Alipay does, with signed JSON (or, for page-style methods, a cashier redirect
 * or error page).
 */
@Controller
public class GatewayController {

  private final SandboxApps apps;
  private final GatewayApis apis;
  private final ProtocolChecks checks;
  private final FaultPlanner faults;
  private final SignedResponses responses;
  private final PublicUrl publicUrl;

  public GatewayController(
      SandboxApps apps,
      GatewayApis apis,
      ProtocolChecks checks,
      FaultPlanner faults,
      SignedResponses responses,
      PublicUrl publicUrl) {
    this.apps = apps;
    this.apis = apis;
    this.checks = checks;
    this.faults = faults;
    this.responses = responses;
    this.publicUrl = publicUrl;
  }

  @RequestMapping(
      value = "/sandbox/gateway.do",
      method = {RequestMethod.GET, RequestMethod.POST})
  public Object gateway(HttpServletRequest request) throws IOException {
    GatewayParams.Read read = GatewayParams.read(request, StandardCharsets.UTF_8);
    Map<String, String> params = read.params();
    App app = Optional.ofNullable(params.get("app_id")).flatMap(apps::find).orElse(null);
    SignType signType = SignType.of(params.get("sign_type")).orElse(SignType.RSA2);
    // Answers are signed and written in the request's charset (utf-8 unless it named another).
    Charset charset = GatewayCharsets.of(read.declaredCharset()).orElse(StandardCharsets.UTF_8);

    String method = params.get("method");
    if (method == null || method.isEmpty()) {
      return json(
          "error_response",
          GatewayError.missing("isv.missing-method", "缺少方法名参数"),
          app,
          signType,
          charset);
    }
    Optional<GatewayApi> api = apis.find(method);
    if (api.isEmpty()) {
      return json(
          "error_response",
          GatewayError.invalid("isv.invalid-method", "不存在的方法名"),
          app,
          signType,
          charset);
    }
    String key = SignedResponses.responseKey(method);
    boolean browser = api.get().browserFacing();

    ProtocolChecks.Result checked = checks.check(params, read.declaredCharset(), app);
    if (checked instanceof ProtocolChecks.Rejected rejected) {
      App signer = rejected.appKnown() ? app : null;
      return browser
          ? errorPage(rejected.error())
          : json(key, rejected.error(), signer, signType, charset);
    }
    ProtocolChecks.Accepted accepted = (ProtocolChecks.Accepted) checked;
    GatewayCall call =
        new GatewayCall(app, method, params, accepted.biz(), charset, publicUrl.base(request));
    FaultPlan plan = faults.plan(call, browser);
    ApiOutcome outcome;
    if (plan instanceof FaultPlan.Answer answer) {
      outcome = new ApiOutcome.Failure(answer.error());
    } else if (plan instanceof FaultPlan.Lost lost) {
      outcome = new ApiOutcome.Failure(lost.error());
    } else if (plan instanceof FaultPlan.Normal normal && normal.refundProcessing() != null) {
      outcome = api.get().handle(call.withRefundProcessing(normal.refundProcessing()));
    } else {
      outcome = api.get().handle(call);
    }
    if (plan instanceof FaultPlan.Hold hold) {
      holdFor(hold.hold());
    }
    if (plan instanceof FaultPlan.Lost lost) {
      holdFor(lost.hold());
    }
    Signing signing = new Signing(app, signType, charset, plan.forgeSignature());
    if (outcome instanceof ApiOutcome.Redirect redirect) {
      return ResponseEntity.status(HttpStatus.FOUND)
          .header(HttpHeaders.LOCATION, redirect.location())
          .build();
    }
    if (outcome instanceof ApiOutcome.Failure failure) {
      return browser
          ? errorPage(failure.error())
          : json(api.get().errorKey(), failure.error(), failure.extra(), signing);
    }
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("code", "10000");
    object.put("msg", "Success");
    object.putAll(((ApiOutcome.Success) outcome).fields());
    return body(key, object, signing);
  }

  /** How an answer is signed; {@code forge} signs other bytes (a fault). */
  private record Signing(App app, SignType type, Charset charset, boolean forge) {}

  /**
   * The timeout and lost faults: the answer leaves late (bounded by the fault spec), so a client
   * with a shorter read timeout never sees it.
   */
  private static void holdFor(Duration hold) {
    try {
      Thread.sleep(hold.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private ResponseEntity<byte[]> json(
      String key, GatewayError error, App app, SignType type, Charset charset) {
    return json(key, error, Map.of(), new Signing(app, type, charset, false));
  }

  private ResponseEntity<byte[]> json(
      String key, GatewayError error, Map<String, Object> extra, Signing signing) {
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("code", error.code());
    object.put("msg", error.msg());
    // A 10003 ("waiting for the buyer") has no sub_code: Alipay sends none.
    if (error.subCode() != null) {
      object.put("sub_code", error.subCode());
      object.put("sub_msg", error.subMsg());
    }
    object.putAll(extra);
    return body(key, object, signing);
  }

  private ResponseEntity<byte[]> body(String key, Map<String, Object> object, Signing signing) {
    String text =
        responses.render(
            key, object, signing.app(), signing.type(), signing.charset(), signing.forge());
    MediaType contentType =
        MediaType.parseMediaType(
            "application/json;charset=" + signing.charset().name().toLowerCase());
    return ResponseEntity.ok().contentType(contentType).body(text.getBytes(signing.charset()));
  }

  /** Alipay shows parameter errors of page-style calls on its own page, to the buyer. */
  private static ModelAndView errorPage(GatewayError error) {
    ModelAndView page = new ModelAndView("sandbox/gateway-error");
    page.addObject("error", error);
    return page;
  }
}
