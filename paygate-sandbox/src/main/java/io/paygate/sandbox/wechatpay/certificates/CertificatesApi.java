package io.paygate.sandbox.wechatpay.certificates;

import io.paygate.sandbox.wechatpay.gateway.WxGateway;
import io.paygate.sandbox.wechatpay.merchants.KeyMode;
import io.paygate.sandbox.wechatpay.merchants.PlatformCert;
import io.paygate.sandbox.wechatpay.merchants.WxMerchants;
import io.paygate.sandbox.wechatpay.wire.AesGcm;
import io.paygate.sandbox.wechatpay.wire.WxError;
import io.paygate.sandbox.wechatpay.wire.WxOperations;
import io.paygate.sandbox.wechatpay.wire.WxTime;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v3/certificates}: the merchant's valid platform certificates, each PEM encrypted with
 * its APIv3 key (AEAD_AES_256_GCM, associated data {@code certificate}); during a rotation old and
 * new are listed together. A public-key merchant has none: 404 RESOURCE_NOT_EXISTS, as WeChat Pay
 * answers merchants opened since 2024. Signed with the newest platform certificate.
 *
 * <p>Per WeChat Pay API v3 下载平台证书 and its AEAD_AES_256_GCM rule (pay.weixin.qq.com, the interface
 * rules: basic-rules, signature-verification); public-key mode per
 * https://pay.weixin.qq.com/doc/v3/partner/4013038589.
 */
@RestController
public class CertificatesApi {

  private final WxGateway gateway;
  private final WxMerchants merchants;

  public CertificatesApi(WxGateway gateway, WxMerchants merchants) {
    this.gateway = gateway;
    this.merchants = merchants;
  }

  @GetMapping(WxGateway.PREFIX + "/v3/certificates")
  ResponseEntity<byte[]> certificates(
      HttpServletRequest request, @RequestBody(required = false) String body) {
    WxGateway.Call call = gateway.verify(request, body, WxOperations.CERTIFICATES);
    if (call.merchant().keyMode() == KeyMode.PUBLIC_KEY) {
      throw WxError.of(404, "RESOURCE_NOT_EXISTS", "无可用的平台证书，请在商户平台-API安全申请使用微信支付公钥。");
    }
    String algorithm = request.getParameter("algorithm_type");
    if (algorithm != null && !List.of("RSA", "SM2", "ALL").contains(algorithm)) {
      throw WxError.param("algorithm_type", "must be RSA, SM2 or ALL");
    }
    List<Map<String, Object>> data =
        "SM2".equals(algorithm)
            ? List.of()
            : merchants.platformCerts(call.merchant().mchid()).stream()
                .map(c -> entry(c, call.merchant().apiV3Key()))
                .toList();
    return gateway.ok(call, Map.of("data", data));
  }

  private static Map<String, Object> entry(PlatformCert cert, String apiV3Key) {
    AesGcm.Encrypted sealed = AesGcm.encrypt(apiV3Key, "certificate", cert.certificate());
    Map<String, Object> encrypted = new LinkedHashMap<>();
    encrypted.put("algorithm", AesGcm.ALGORITHM);
    encrypted.put("nonce", sealed.nonce());
    encrypted.put("associated_data", sealed.associatedData());
    encrypted.put("ciphertext", sealed.ciphertext());
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("serial_no", cert.serialNo());
    entry.put("effective_time", WxTime.format(cert.effectiveAt()));
    entry.put("expire_time", WxTime.format(cert.expireAt()));
    entry.put("encrypt_certificate", encrypted);
    return entry;
  }
}
