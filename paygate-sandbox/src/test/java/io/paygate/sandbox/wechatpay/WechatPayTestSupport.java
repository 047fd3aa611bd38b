package io.paygate.sandbox.wechatpay;

import com.wechat.pay.java.core.Config;
import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.core.notification.RequestParam;
import com.wechat.pay.java.service.payments.nativepay.NativePayService;
import com.wechat.pay.java.service.payments.nativepay.model.Amount;
import com.wechat.pay.java.service.payments.nativepay.model.PrepayRequest;
import io.paygate.core.testkit.Receiver;
import io.paygate.sandbox.SandboxTestSupport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import tools.jackson.databind.JsonNode;

/**
 * The offline WeChat Pay through the official {@code wechatpay-java} SDK, unchanged: its services
 * build {@code https://api.mch.weixin.qq.com/v3/…} URLs, and an OkHttp interceptor (the SDK's
 * {@code DefaultHttpClientBuilder.okHttpClient} hook) sends them to {@code
 * http://localhost:{port}/sandbox/wechatpay/v3/…}. The SDK signs {@code /v3/…} before the rewrite,
 * so this is the "host rewriting" client the sandbox must accept.
 */
public abstract class WechatPayTestSupport extends SandboxTestSupport {

  /** A merchant as {@code GET /sandbox/wechatpay/api/merchants} lists it. */
  protected record Merchant(
      String mchid,
      String appid,
      String privateKey,
      String serialNo,
      String apiV3Key,
      String platformCertificate,
      String platformSerialNo,
      String publicKey,
      String publicKeyId) {

    static Merchant of(JsonNode m) {
      return new Merchant(
          m.get("mchid").asString(),
          m.get("appid").asString(),
          m.get("merchant_private_key").asString(),
          m.get("merchant_serial_no").asString(),
          m.get("apiv3_key").asString(),
          m.get("platform_certificate").asString(),
          m.get("platform_serial_no").asString(),
          m.get("public_key").asString(),
          m.get("public_key_id").asString());
    }
  }

  /** A new merchant in {@code public_key} or {@code certificate} mode. */
  protected Merchant newMerchant(String keyMode) throws IOException, InterruptedException {
    HttpResponse<String> created =
        postJson(base() + "/sandbox/wechatpay/api/merchants", "{\"key_mode\":\"" + keyMode + "\"}");
    if (created.statusCode() != 201) {
      throw new IllegalStateException(created.body());
    }
    return Merchant.of(JSON.readTree(created.body()));
  }

  /** OkHttp sending WeChat Pay's host to this sandbox, under {@code /sandbox/wechatpay}. */
  protected OkHttpClient toSandbox() {
    return new OkHttpClient.Builder()
        .addInterceptor(
            chain -> {
              okhttp3.Request request = chain.request();
              HttpUrl url = request.url();
              if (url.host().equals("api.mch.weixin.qq.com")) {
                url =
                    url.newBuilder()
                        .scheme("http")
                        .host("localhost")
                        .port(port)
                        .encodedPath("/sandbox/wechatpay" + url.encodedPath())
                        .build();
              }
              return chain.proceed(request.newBuilder().url(url).build());
            })
        .build();
  }

  protected RSAPublicKeyConfig publicKeyConfig(Merchant m) {
    return new RSAPublicKeyConfig.Builder()
        .merchantId(m.mchid())
        .privateKey(m.privateKey())
        .merchantSerialNumber(m.serialNo())
        .publicKey(m.publicKey())
        .publicKeyId(m.publicKeyId())
        .apiV3Key(m.apiV3Key())
        .build();
  }

  protected HttpClient http(Config config) {
    return new DefaultHttpClientBuilder().config(config).okHttpClient(toSandbox()).build();
  }

  protected NativePayService nativePay(Config config) {
    return new NativePayService.Builder().httpClient(http(config)).build();
  }

  protected static PrepayRequest nativeOrder(Merchant m, String outTradeNo, int fen, String url) {
    PrepayRequest request = new PrepayRequest();
    request.setAppid(m.appid());
    request.setMchid(m.mchid());
    request.setDescription("Sandbox tea 沙箱");
    request.setOutTradeNo(outTradeNo);
    request.setNotifyUrl(url);
    Amount amount = new Amount();
    amount.setTotal(fen);
    amount.setCurrency("CNY");
    request.setAmount(amount);
    return request;
  }

  /** The payer's phone pays the order: {@code POST /sandbox/wechatpay/api/payer/pay}. */
  protected HttpResponse<String> payerPays(String mchid, String openid, String outTradeNo)
      throws IOException, InterruptedException {
    String body =
        "{\"mchid\":\""
            + mchid
            + "\","
            + (openid == null ? "" : "\"openid\":\"" + openid + "\",")
            + "\"out_trade_no\":\""
            + outTradeNo
            + "\"}";
    return postJson(base() + "/sandbox/wechatpay/api/payer/pay", body);
  }

  /** The payer's openid at this appid, from {@code GET /sandbox/wechatpay/api/payers}. */
  protected String openid(String appid) throws IOException, InterruptedException {
    for (JsonNode p : JSON.readTree(get(base() + "/sandbox/wechatpay/api/payers").body())) {
      if (p.get("appid").asString().equals(appid)) {
        return p.get("openid").asString();
      }
    }
    throw new IllegalStateException("no payer at " + appid);
  }

  protected JsonNode notifications(String outTradeNo) throws IOException, InterruptedException {
    return JSON.readTree(
        get(base() + "/sandbox/wechatpay/api/notifications?out_trade_no=" + outTradeNo).body());
  }

  protected void advanceClock(long seconds) throws IOException, InterruptedException {
    postJson(base() + "/sandbox/api/clock/advance", "{\"seconds\":" + seconds + "}");
  }

  protected void setFaults(String json) throws IOException, InterruptedException {
    HTTP.send(
        HttpRequest.newBuilder(URI.create(base() + "/sandbox/api/faults"))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  protected HttpResponse<String> postJson(String url, String json)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * A merchant's notify_url: the shared test kit's receiver, answering these statuses first, then
   * 204 (No Content), as a WeChat Pay merchant may.
   */
  protected static Receiver merchantEndpoint(int... failures) {
    Receiver receiver = new Receiver().answering(failures);
    receiver.answer(204);
    return receiver;
  }

  /**
   * What the endpoint received, each as the SDK's {@link RequestParam}: the raw body and the {@code
   * Wechatpay-*} headers, as a merchant hands them to {@code NotificationParser}.
   */
  protected static List<RequestParam> notified(Receiver receiver) {
    return receiver.requests().stream()
        .map(
            r ->
                new RequestParam.Builder()
                    .serialNumber(r.header("Wechatpay-Serial"))
                    .nonce(r.header("Wechatpay-Nonce"))
                    .signature(r.header("Wechatpay-Signature"))
                    .timestamp(r.header("Wechatpay-Timestamp"))
                    .signType(r.header("Wechatpay-Signature-Type"))
                    .body(r.body())
                    .build())
        .toList();
  }
}
