package io.paygate.sandbox.signing;

import java.nio.charset.Charset;
import java.security.PrivateKey;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Signs the parameters of a notify or a return URL as Alipay does: the content leaves out {@code
 * sign} and {@code sign_type}, is signed RSA2 with the app's "Alipay" key in {@code charset}, and
 * {@code sign_type=RSA2} and {@code sign} are added.
 */
public final class SignedParams {

  private SignedParams() {}

  /**
   * The parameters (in their order) with {@code sign_type} and {@code sign}; {@code forge} signs
   * other content, so no verifier accepts it (a fault).
   */
  public static Map<String, String> sign(
      Map<String, String> params, PrivateKey alipayKey, Charset charset, boolean forge) {
    String content = SigningContent.of(params, SigningContent.NOTIFY_EXCLUDED);
    if (forge) {
      content = content + "&forged=1";
    }
    Map<String, String> signed = new LinkedHashMap<>(params);
    signed.put("sign_type", SignType.RSA2.name());
    signed.put("sign", RsaSignatures.sign(content, alipayKey, SignType.RSA2, charset));
    return signed;
  }
}
