package io.paygate.sandbox.gateway;

import io.paygate.sandbox.apps.App;
import io.paygate.sandbox.apps.SandboxApps;
import io.paygate.sandbox.certificates.SandboxCertificates;
import io.paygate.sandbox.signing.RsaSignatures;
import io.paygate.sandbox.signing.SignType;
import io.paygate.sandbox.signing.SigningContent;
import io.paygate.sandbox.wire.AlipayTime;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The common-parameter checks every call goes through, in a fixed order: app id, charset, signature
 * presence and type, timestamp, version, format, certificate SNs (cert-mode apps only), signature,
 * biz_content.
 *
 * <p>A biz_content that is not a JSON object is answered 40002 {@code isv.invalid-parameter} here,
 * before any API sees it (a gateway-level argument error); a well-formed biz_content with missing
 * or invalid business fields is the API's 40004 {@code ACQ.INVALID_PARAMETER}.
 */
@Component
public class ProtocolChecks {

  private final JsonMapper json = JsonMapper.builder().build();
  private final SandboxApps apps;
  private final SandboxCertificates certificates;

  public ProtocolChecks(SandboxApps apps, SandboxCertificates certificates) {
    this.apps = apps;
    this.certificates = certificates;
  }

  public sealed interface Result {}

  /**
   * @param appKnown whether the answer can be signed with the app's Alipay key
   */
  public record Rejected(GatewayError error, boolean appKnown) implements Result {}

  public record Accepted(Charset charset, BizContent biz) implements Result {}

  public Result check(Map<String, String> params, String declaredCharset, App app) {
    if (blank(params.get("app_id"))) {
      return new Rejected(GatewayError.missing("isv.missing-app-id", "缺少AppID参数"), false);
    }
    if (app == null) {
      return new Rejected(GatewayError.invalid("isv.invalid-app-id", "无效的AppID参数"), false);
    }
    Charset charset = StandardCharsets.UTF_8;
    if (declaredCharset != null) {
      Optional<Charset> known = GatewayCharsets.of(declaredCharset);
      if (known.isEmpty()) {
        return rejected(GatewayError.invalid("isv.invalid-charset", "字符集错误"));
      }
      charset = known.get();
    }
    if (blank(params.get("sign"))) {
      return rejected(GatewayError.missing("isv.missing-signature", "缺少签名参数"));
    }
    if (blank(params.get("sign_type"))) {
      return rejected(GatewayError.missing("isv.missing-signature-type", "缺少签名类型参数"));
    }
    Optional<SignType> signType = SignType.of(params.get("sign_type"));
    if (signType.isEmpty()) {
      return rejected(GatewayError.invalid("isv.invalid-signature-type", "无效的签名类型"));
    }
    if (blank(params.get("timestamp"))) {
      return rejected(GatewayError.missing("isv.missing-timestamp", "缺少时间戳参数"));
    }
    // Lenient on the zone (clients send Beijing or host-local time): only the shape is checked.
    if (AlipayTime.parse(params.get("timestamp")).isEmpty()) {
      return rejected(
          GatewayError.invalid("isv.invalid-timestamp", "非法的时间戳参数，格式为yyyy-MM-dd HH:mm:ss"));
    }
    if (blank(params.get("version"))) {
      return rejected(GatewayError.missing("isv.missing-version", "缺少版本参数"));
    }
    String format = params.get("format");
    if (!blank(format) && !format.equalsIgnoreCase("json")) {
      return rejected(GatewayError.invalid("isv.invalid-format", "无效的数据格式"));
    }
    if (app.certMode()) {
      Optional<GatewayError> certificate = certificateMismatch(params, app);
      if (certificate.isPresent()) {
        return rejected(certificate.get());
      }
    }
    String content = SigningContent.of(params, SigningContent.REQUEST_EXCLUDED);
    PublicKey key = apps.keys(app).appPublicKey();
    if (key == null
        || !RsaSignatures.verify(content, params.get("sign"), key, signType.get(), charset)) {
      return rejected(
          GatewayError.invalid(
              "isv.invalid-signature", "验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配，网关生成的验签字符串为：" + content));
    }
    String bizText = params.get("biz_content");
    JsonNode biz;
    if (blank(bizText)) {
      biz = json.createObjectNode();
    } else {
      try {
        biz = json.readTree(bizText);
      } catch (JacksonException e) {
        biz = null;
      }
      if (biz == null || !biz.isObject()) {
        return rejected(
            GatewayError.invalid("isv.invalid-parameter", "参数无效：biz_content不是合法的JSON对象"));
      }
    }
    return new Accepted(charset, new BizContent(biz));
  }

  /**
   * A cert-mode app's request names the app's own certificate and the sandbox's root bundle, by the
   * SNs the SDK computes. The codes are Alipay's, as its FAQ for them lists them (Alipay's answers
   * reposted on the Aliyun developer community: ask/285112 {@code isv.missing-app-cert-sn}
   * 缺少应用公钥证书序列号, ask/285114 {@code isv.app-cert-not-exist} 应用公钥证书不存在 — seen as 40002 Invalid
   * Arguments in alipay/alipay-sdk-nodejs-all issue 56 — and ask/285113 {@code
   * isv.invalid-alipay-root-cert-sn} 无效支付宝根证书序列号). No code for a missing root SN is documented: it
   * is answered as an invalid one.
   */
  private Optional<GatewayError> certificateMismatch(Map<String, String> params, App app) {
    String appCertSn = params.get("app_cert_sn");
    if (blank(appCertSn)) {
      return Optional.of(GatewayError.missing("isv.missing-app-cert-sn", "缺少应用公钥证书序列号"));
    }
    if (!appCertSn.equals(app.appCertSn())) {
      return Optional.of(GatewayError.invalid("isv.app-cert-not-exist", "应用公钥证书不存在"));
    }
    if (!certificates.rootCertSn().equals(params.get("alipay_root_cert_sn"))) {
      return Optional.of(GatewayError.invalid("isv.invalid-alipay-root-cert-sn", "无效支付宝根证书序列号"));
    }
    return Optional.empty();
  }

  private static Rejected rejected(GatewayError error) {
    return new Rejected(error, true);
  }

  private static boolean blank(String value) {
    return value == null || value.isEmpty();
  }
}
