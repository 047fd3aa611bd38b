package io.paygate.sandbox.wechatpay.merchants;

import io.paygate.sandbox.PublicUrl;
import io.paygate.sandbox.problems.SandboxProblem;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Control API: the offline WeChat Pay's merchants with every file a merchant configures (sandbox
 * keys, generated here; never real ones), and platform certificate rotation.
 */
@RestController
public class MerchantsController {

  private final WxMerchants merchants;
  private final PublicUrl publicUrl;

  public MerchantsController(WxMerchants merchants, PublicUrl publicUrl) {
    this.merchants = merchants;
    this.publicUrl = publicUrl;
  }

  @GetMapping("/sandbox/wechatpay/api/merchants")
  List<MerchantView> list(HttpServletRequest request) {
    return merchants.all().stream().map(m -> view(m, request)).toList();
  }

  @PostMapping("/sandbox/wechatpay/api/merchants")
  ResponseEntity<MerchantView> create(
      @RequestBody(required = false) NewMerchant body, HttpServletRequest request) {
    KeyMode mode = KeyMode.PUBLIC_KEY;
    if (body != null && body.keyMode() != null) {
      try {
        mode = KeyMode.valueOf(body.keyMode().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw SandboxProblem.badRequest(
            "INVALID_KEY_MODE", "key_mode is public_key or certificate.", "key_mode");
      }
    }
    return ResponseEntity.status(HttpStatus.CREATED).body(view(merchants.create(mode), request));
  }

  @PostMapping("/sandbox/wechatpay/api/merchants/{mchid}/platform-certificate/rotate")
  MerchantView rotate(@PathVariable String mchid, HttpServletRequest request) {
    Merchant merchant =
        merchants
            .find(mchid)
            .orElseThrow(() -> SandboxProblem.notFound("MERCHANT_NOT_FOUND", "No such mchid."));
    merchants.rotatePlatformCert(mchid);
    return view(merchant, request);
  }

  /** Binds another appid to the merchant (a 公众号, 小程序 or App of its own). */
  @PostMapping("/sandbox/wechatpay/api/merchants/{mchid}/appids")
  ResponseEntity<MerchantView> bindAppid(@PathVariable String mchid, HttpServletRequest request) {
    Merchant merchant =
        merchants
            .find(mchid)
            .orElseThrow(() -> SandboxProblem.notFound("MERCHANT_NOT_FOUND", "No such mchid."));
    merchants.bindNewAppid(merchant);
    return ResponseEntity.status(HttpStatus.CREATED).body(view(merchant, request));
  }

  private MerchantView view(Merchant m, HttpServletRequest request) {
    PlatformCert cert = merchants.currentPlatformCert(m.mchid());
    return new MerchantView(
        m.mchid(),
        m.appid(),
        merchants.appids(m),
        m.keyMode().name().toLowerCase(Locale.ROOT),
        m.merchantPrivateKey(),
        m.merchantCertificate(),
        m.merchantSerialNo(),
        m.apiV3Key(),
        cert.certificate(),
        cert.serialNo(),
        m.publicKey(),
        m.publicKeyId(),
        merchants.appSecret(m.appid()).orElse(null),
        appSecrets(m),
        publicUrl.base(request) + "/sandbox/wechatpay");
  }

  private Map<String, String> appSecrets(Merchant m) {
    Map<String, String> secrets = new LinkedHashMap<>();
    for (String appid : merchants.appids(m)) {
      secrets.put(appid, merchants.appSecret(appid).orElse(null));
    }
    return secrets;
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record NewMerchant(String keyMode) {}

  /**
   * {@code app_secret}: the first appid's AppSecret, for WeChat's web sign-in ({@code
   * /sns/oauth2/access_token}); {@code app_secrets}: every bound appid's, by appid. {@code
   * base_url}: what an SDK that takes a base URL is given instead of WeChat Pay's host.
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record MerchantView(
      String mchid,
      String appid,
      List<String> appids,
      String keyMode,
      String merchantPrivateKey,
      String merchantCertificate,
      String merchantSerialNo,
      String apiv3Key,
      String platformCertificate,
      String platformSerialNo,
      String publicKey,
      String publicKeyId,
      String appSecret,
      Map<String, String> appSecrets,
      String baseUrl) {}
}
