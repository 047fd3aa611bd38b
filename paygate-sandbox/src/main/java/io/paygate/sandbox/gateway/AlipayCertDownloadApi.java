package io.paygate.sandbox.gateway;

import io.paygate.sandbox.certificates.AlipayCert;
import io.paygate.sandbox.certificates.SandboxCertificates;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * {@code alipay.open.app.alipaycert.download}: biz {@code alipay_cert_sn} → {@code
 * alipay_cert_content}, the Base64 of the certificate file (PEM, leaf then intermediate CA, so the
 * SDK can check it against the root bundle). An SDK meeting an SN it does not know (after a
 * rotation) calls it, then verifies with the new certificate. Any certificate the calling app ever
 * had can be fetched; another app's cannot. Alipay documents no errors for it: a missing SN is the
 * sandbox's 40002 {@code isv.invalid-parameter}, an unknown one 40004 {@code
 * ALIPAY_CERT_NOT_EXIST}.
 */
@Component
public class AlipayCertDownloadApi implements GatewayApi {

  private final SandboxCertificates certificates;

  public AlipayCertDownloadApi(SandboxCertificates certificates) {
    this.certificates = certificates;
  }

  @Override
  public String method() {
    return "alipay.open.app.alipaycert.download";
  }

  @Override
  public ApiOutcome handle(GatewayCall call) {
    Optional<String> sn = call.biz().text("alipay_cert_sn");
    if (sn.isEmpty()) {
      return new ApiOutcome.Failure(
          GatewayError.invalid("isv.invalid-parameter", "参数无效：缺少alipay_cert_sn"));
    }
    Optional<AlipayCert> cert = certificates.download(call.app().appId(), sn.get());
    if (cert.isEmpty()) {
      return new ApiOutcome.Failure(GatewayError.business("ALIPAY_CERT_NOT_EXIST", "支付宝公钥证书不存在"));
    }
    String content =
        Base64.getEncoder()
            .encodeToString(cert.get().certChain().getBytes(StandardCharsets.US_ASCII));
    return ApiOutcome.success(Map.of("alipay_cert_content", content));
  }
}
