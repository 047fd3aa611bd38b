package io.paygate.alipay.gateway;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayObject;
import com.alipay.api.AlipayRequest;
import com.alipay.api.AlipayResponse;
import com.alipay.api.SignItem;
import com.alipay.api.internal.parser.json.ObjectJsonParser;
import com.alipay.api.internal.util.AlipayLogger;
import com.alipay.api.internal.util.json.JSONValidatingReader;
import com.alipay.api.internal.util.json.JSONWriter;

/**
 * The only place that uses the SDK's {@code internal} packages, because no public API does these
 * jobs (checked against 4.40.734: {@code AlipayResponse}, {@code AlipayRequest}, {@code
 * AlipayObject}, {@code AlipayConstants}, {@code AlipayClient}). On an SDK upgrade, check here.
 * ({@code AlipaySignature}, used by the notify package, is the SDK's documented signature helper
 * despite its package.)
 */
public final class SdkInternals {

  private SdkInternals() {}

  /**
   * The biz_content exactly as the SDK serialises a model onto the wire ({@code JSONWriter} is what
   * the client itself calls). The request builders set it as the request's text, so it is written
   * once and the same text is sent and recorded: the SDK's writer looks up every property by
   * reflection, half of a pay form's Java time when it ran twice.
   */
  public static String bizContent(AlipayObject model) {
    return model == null ? null : new JSONWriter().write(model, true);
  }

  /** What a request sends as biz_content: its text when set, as the SDK chooses, else its model. */
  static String sentBizContent(AlipayRequest<?> request) {
    String text = request.getTextParams().get("biz_content");
    return text != null && !text.isEmpty() ? text : bizContent(request.getBizModel());
  }

  /**
   * Whether the answer body carries a {@code sign}, found where the SDK looks for it. The SDK
   * verifies a signature when one is there but skips unsigned error answers; the public API does
   * not say which of the two happened.
   */
  static boolean carriesSign(AlipayRequest<?> request, String body) throws AlipayApiException {
    SignItem item = new ObjectJsonParser<>(request.getResponseClass()).getSignItem(request, body);
    return item != null && item.getSign() != null && !item.getSign().isBlank();
  }

  /**
   * An answer's signed object and its signature, cut where the SDK cuts them when it verifies a
   * gateway answer (the request names the response key): for a signed text that came another way,
   * such as app pay's synchronous result. Null when either is missing.
   */
  public static SignItem signedObject(AlipayRequest<?> request, String body)
      throws AlipayApiException {
    SignItem item = new ObjectJsonParser<>(request.getResponseClass()).getSignItem(request, body);
    return item == null || item.getSign() == null || item.getSignSourceDate() == null ? null : item;
  }

  /** The answer's fields, read by the SDK's own parser into its response class. */
  public static <T extends AlipayResponse> T parsed(Class<T> responseClass, String body)
      throws AlipayApiException {
    return new ObjectJsonParser<>(responseClass).parse(body);
  }

  /** A JSON object's members as the SDK's reader reads them; null when the text is no object. */
  public static java.util.Map<?, ?> jsonObject(String text) {
    Object read = new JSONValidatingReader().read(text);
    return read instanceof java.util.Map<?, ?> map ? map : null;
  }

  /**
   * Switches the SDK's own logger off: it writes every request URL with its signature and every
   * error body, at SEVERE for routine answers such as ACQ.TRADE_NOT_EXIST. PayGate records each
   * exchange itself, redacted (the core's ExchangeRecorder). The switch is JVM-wide (a static in
   * the SDK); turning it off twice is harmless.
   */
  public static void silenceLogging() {
    AlipayLogger.setNeedEnableLogger(false);
  }

  /**
   * The Alipay public keys the SDK's certificate client has taken from Alipay's certificates,
   * including those it downloaded after Alipay rotated its certificate ({@code
   * alipay.open.app.alipaycert.download}). The SDK keeps them in a private map with no getter;
   * notifications name no certificate, so they are verified against all of these. Empty when the
   * SDK's internals are not as expected (then only the configured certificate's key is used).
   */
  public static java.util.List<String> certificateKeys(com.alipay.api.AbstractAlipayClient client) {
    if (CERTIFICATE_KEYS == null) {
      return java.util.List.of();
    }
    try {
      if (CERTIFICATE_KEYS.get(client) instanceof java.util.Map<?, ?> keys) {
        java.util.List<String> found = new java.util.ArrayList<>();
        keys.values().forEach(key -> found.add(String.valueOf(key).replaceAll("\\s", "")));
        return found;
      }
      return java.util.List.of();
    } catch (ReflectiveOperationException | RuntimeException e) {
      return java.util.List.of();
    }
  }

  /** Looked up once: notifications are verified against it on every call. */
  private static final java.lang.reflect.Field CERTIFICATE_KEYS = certificateKeysField();

  private static java.lang.reflect.Field certificateKeysField() {
    try {
      java.lang.reflect.Field field =
          com.alipay.api.AbstractAlipayClient.class.getDeclaredField("alipayPublicKeyMap");
      field.setAccessible(true);
      return field;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
