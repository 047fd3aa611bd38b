package io.paygate.sandbox.wechatpay.gateway;

import io.paygate.sandbox.wechatpay.keys.WxKeys;
import io.paygate.sandbox.wechatpay.merchants.Merchant;
import io.paygate.sandbox.wechatpay.merchants.WxMerchants;
import io.paygate.sandbox.wechatpay.wire.WxError;
import io.paygate.sandbox.wechatpay.wire.WxIds;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * WeChat Pay's API v3 front door: verifies a request as WeChat Pay does (headers, the {@code
 * WECHATPAY2-SHA256-RSA2048} Authorization, the timestamp window, the merchant's certificate
 * serial, the signature, the mchid binding) and signs its 2xx answers as WeChat Pay signs them.
 * Errors are never signed. Timestamps are the wall clock's, whatever the virtual clock says: the
 * SDKs refuse an answer more than five minutes off.
 */
@Component
public class WxGateway {

  /**
   * Where the offline WeChat Pay answers; an SDK's base URL is {@code {BASE}/sandbox/wechatpay}.
   */
  public static final String PREFIX = "/sandbox/wechatpay";

  public static final String SIGNATURE_TYPE = "WECHATPAY2-SHA256-RSA2048";
  private static final Duration WINDOW = Duration.ofMinutes(5);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final WxMerchants merchants;
  private final WxGatewayFaults faults;

  public WxGateway(WxMerchants merchants, WxGatewayFaults faults) {
    this.merchants = merchants;
    this.faults = faults;
  }

  /**
   * A verified request: its merchant, raw body and parsed JSON (an empty object for none), and the
   * {@code Wechatpay-Serial} it named (which key the answer is to be signed with).
   */
  public record Call(
      Merchant merchant,
      String body,
      JsonNode json,
      String requestSerial,
      String operation,
      Duration hold) {

    /** A required string of the body; PARAM_ERROR naming it when missing or not a string. */
    public String text(String pointer) {
      JsonNode node = json.at(pointer);
      if (node.isMissingNode() || node.isNull() || !node.isString() || node.asString().isEmpty()) {
        throw WxError.param(pointer, "missing or not a string");
      }
      return node.asString();
    }

    /** An optional string of the body; null when absent. */
    public String optionalText(String pointer) {
      JsonNode node = json.at(pointer);
      if (node.isMissingNode() || node.isNull()) {
        return null;
      }
      if (!node.isString()) {
        throw WxError.param(pointer, "not a string");
      }
      return node.asString();
    }

    /** A required whole number of the body (integer fen); a fraction or a string is refused. */
    public long fen(String pointer) {
      JsonNode node = json.at(pointer);
      if (!node.isIntegralNumber()) {
        throw WxError.param(pointer, "missing or not an integer");
      }
      return node.asLong();
    }
  }

  /**
   * Verifies the request, or throws the {@link WxError} WeChat Pay would answer. {@code operation}
   * names the API for fault rules (e.g. {@code wechatpay.transactions.native}).
   */
  public Call verify(HttpServletRequest request, String body, String operation) {
    String text = body == null ? "" : body;
    if (blank(request.getHeader("Accept")) || blank(request.getHeader("User-Agent"))) {
      throw WxError.invalidRequest("Http头缺少Accept或User-Agent");
    }
    Map<String, String> auth = authorization(request.getHeader("Authorization"));
    String mchid = auth.get("mchid");
    Merchant merchant =
        merchants.find(mchid).orElseThrow(() -> WxError.of(400, "MCH_NOT_EXISTS", "商户号不存在"));
    long timestamp;
    try {
      timestamp = Long.parseLong(auth.get("timestamp"));
    } catch (NumberFormatException e) {
      throw WxError.sign("Http头Authorization值格式错误，请参考《微信支付商户REST API签名规则》");
    }
    if (Duration.between(Instant.ofEpochSecond(timestamp), Instant.now()).abs().compareTo(WINDOW)
        > 0) {
      throw WxError.sign("Http头Authorization中的timestamp与发起请求的时间不得超过5分钟");
    }
    if (!merchant.merchantSerialNo().equalsIgnoreCase(auth.get("serial_no"))) {
      throw WxError.sign("商户证书序列号有误。请使用签名私钥匹配的证书序列号");
    }
    String signature = auth.get("signature");
    boolean verified = false;
    for (String url : canonicalUrls(request)) {
      String message =
          request.getMethod().toUpperCase(Locale.ROOT)
              + "\n"
              + url
              + "\n"
              + auth.get("timestamp")
              + "\n"
              + auth.get("nonce_str")
              + "\n"
              + text
              + "\n";
      if (WxKeys.verify(
          WxKeys.certificateKey(merchant.merchantCertificate()), message, signature)) {
        verified = true;
        break;
      }
    }
    if (!verified) {
      Map<String, Object> detail = new LinkedHashMap<>();
      detail.put("field", "signature");
      detail.put("location", "authorization");
      detail.put("detail", Map.of("issue", "sign not match"));
      throw new WxError(401, "SIGN_ERROR", "错误的签名，验签失败", detail);
    }
    JsonNode json = parse(text);
    String bodyMchid = json.path("mchid").isString() ? json.path("mchid").asString() : null;
    String queryMchid = request.getParameter("mchid");
    if ((bodyMchid != null && !bodyMchid.equals(mchid))
        || (queryMchid != null && !queryMchid.equals(mchid))) {
      throw WxError.invalidRequest("http header中的mchid与post payload中的mchid不匹配");
    }
    Duration hold = faults.beforeCall(operation);
    return new Call(merchant, text, json, request.getHeader("Wechatpay-Serial"), operation, hold);
  }

  /** 200 with a JSON body, signed. */
  public ResponseEntity<byte[]> ok(Call call, Object body) {
    byte[] bytes = JSON.writeValueAsBytes(body);
    return signed(call, 200, bytes);
  }

  /** 204 without a body, signed over an empty body ({@code TS\nNONCE\n\n}). */
  public ResponseEntity<byte[]> noContent(Call call) {
    return signed(call, 204, new byte[0]);
  }

  /** An error answer: JSON, unsigned, no {@code Wechatpay-*} headers. */
  public static ResponseEntity<byte[]> error(WxError error) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", error.code());
    body.put("message", error.getMessage());
    if (error.detail() != null) {
      body.put("detail", error.detail());
    }
    return ResponseEntity.status(error.status())
        .header(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
        .header("Request-ID", requestId(error.code().hashCode() & 0x7fffffff))
        .body(JSON.writeValueAsBytes(body));
  }

  private ResponseEntity<byte[]> signed(Call call, int status, byte[] bytes) {
    WxMerchants.SigningKey key = merchants.signingKey(call.merchant(), call.requestSerial());
    String timestamp = Long.toString(Instant.now().getEpochSecond());
    String nonce = WxIds.hex(32).toUpperCase(Locale.ROOT);
    String body = new String(bytes, StandardCharsets.UTF_8);
    String signed = faults.forgeSignature(call.operation()) ? body + " " : body;
    String signature =
        WxKeys.sign(key.privateKey(), timestamp + "\n" + nonce + "\n" + signed + "\n");
    ResponseEntity.BodyBuilder answer =
        ResponseEntity.status(status)
            .header("Request-ID", requestId(0))
            .header("Wechatpay-Nonce", nonce)
            .header("Wechatpay-Signature", signature)
            .header("Wechatpay-Timestamp", timestamp)
            .header("Wechatpay-Serial", key.serial())
            .header("Wechatpay-Signature-Type", SIGNATURE_TYPE);
    // A timeout fault: the API has run; the client gives up before the answer comes.
    WxGatewayFaults.hold(call.hold());
    if (bytes.length == 0) {
      return answer.build();
    }
    return answer.header(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8").body(bytes);
  }

  /**
   * The URL as the client may have signed it: as received (an SDK given the base URL {@code
   * …/sandbox/wechatpay}), or without the prefix (a client redirected by host rewriting signs
   * {@code /v3/…}). Raw, never re-encoded.
   */
  private static List<String> canonicalUrls(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    String query = request.getQueryString();
    String full = query == null ? path : path + "?" + query;
    return full.startsWith(PREFIX + "/")
        ? List.of(full, full.substring(PREFIX.length()))
        : List.of(full);
  }

  private static Map<String, String> authorization(String header) {
    if (blank(header)) {
      throw WxError.sign("Http头Authorization值格式错误，请参考《微信支付商户REST API签名规则》");
    }
    int space = header.indexOf(' ');
    String scheme = space < 0 ? header : header.substring(0, space);
    if (!SIGNATURE_TYPE.equals(scheme)) {
      throw WxError.sign("Http头Authorization认证类型不正确");
    }
    Map<String, String> items = new LinkedHashMap<>();
    for (String item : header.substring(space + 1).split(",")) {
      int eq = item.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String value = item.substring(eq + 1).trim();
      if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
        value = value.substring(1, value.length() - 1);
      }
      items.put(item.substring(0, eq).trim(), value);
    }
    for (String required : List.of("mchid", "nonce_str", "timestamp", "serial_no", "signature")) {
      if (blank(items.get(required))) {
        throw WxError.sign("Http头Authorization值格式错误，请参考《微信支付商户REST API签名规则》");
      }
    }
    return items;
  }

  private static JsonNode parse(String text) {
    if (text.isBlank()) {
      return JSON.createObjectNode();
    }
    try {
      JsonNode node = JSON.readTree(text);
      if (!node.isObject()) {
        throw WxError.param("/", "the body is not a JSON object");
      }
      return node;
    } catch (JacksonException e) {
      throw WxError.param("/", "the body is not valid JSON");
    }
  }

  private static String requestId(int errno) {
    return WxIds.hex(44).toUpperCase(Locale.ROOT) + "-" + errno;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
