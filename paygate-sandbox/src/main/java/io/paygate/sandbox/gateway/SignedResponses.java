package io.paygate.sandbox.gateway;

import io.paygate.sandbox.apps.App;
import io.paygate.sandbox.apps.SandboxApps;
import io.paygate.sandbox.signing.RsaSignatures;
import io.paygate.sandbox.signing.SignType;
import java.nio.charset.Charset;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the response text: {@code {"<method>_response":{...},"sign":"..."}}. The object is
 * serialised once and exactly those bytes are signed (with the app's "Alipay" key, in the request's
 * charset: the Java SDK verifies with its own charset), so the SDKs' substring extraction sees what
 * was signed. Jackson does not escape {@code /}; good. A cert-mode app's answers also name, between
 * the object and the sign, the SN of the "Alipay" certificate whose key signed them ({@code
 * alipay_cert_sn}): the SDK's certificateExecute refuses a success without it, and fetches the
 * certificate through alipay.open.app.alipaycert.download when it does not know that SN.
 */
@Component
public class SignedResponses {

  private final JsonMapper json = JsonMapper.builder().build();
  private final SandboxApps apps;

  public SignedResponses(SandboxApps apps) {
    this.apps = apps;
  }

  /** {@code forge}: a well-formed sign over other bytes, which no SDK accepts (a fault). */
  public String render(
      String responseKey,
      Map<String, Object> object,
      App app,
      SignType type,
      Charset charset,
      boolean forge) {
    String objectText = json.writeValueAsString(object);
    StringBuilder body = new StringBuilder(objectText.length() + 400);
    body.append('{').append(json.writeValueAsString(responseKey)).append(':').append(objectText);
    if (app != null) {
      if (app.certMode()) {
        body.append(",\"alipay_cert_sn\":").append(json.writeValueAsString(app.alipayCertSn()));
      }
      String sign =
          RsaSignatures.sign(
              forge ? objectText + " " : objectText,
              apps.keys(app).alipayPrivateKey(),
              type,
              charset);
      body.append(",\"sign\":\"").append(sign).append('"');
    }
    return body.append('}').toString();
  }

  public static String responseKey(String method) {
    return method.replace('.', '_') + "_response";
  }
}
