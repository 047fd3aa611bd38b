package io.paygate.wechatpay.gateway;

import com.wechat.pay.java.core.Config;
import com.wechat.pay.java.core.RSAAutoCertificateConfig;
import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.core.notification.NotificationConfig;
import com.wechat.pay.java.service.billdownload.BillDownloadServiceExtension;
import com.wechat.pay.java.service.payments.app.AppServiceExtension;
import com.wechat.pay.java.service.payments.h5.H5Service;
import com.wechat.pay.java.service.payments.jsapi.JsapiServiceExtension;
import com.wechat.pay.java.service.payments.nativepay.NativePayService;
import com.wechat.pay.java.service.refund.RefundService;
import io.paygate.wechatpay.settings.KeyMode;
import io.paygate.wechatpay.settings.WechatPaySettings;
import java.net.URI;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The SDK's services for one merchant, built once: its {@link Config} in the merchant's key mode
 * and one HTTP client for every service. The SDK's URLs name WeChat Pay's host; when the settings
 * point elsewhere (an offline WeChat Pay) an OkHttp interceptor, the hook the SDK offers, sends
 * them there. The signature covers only the path, which the SDK signs before the rewrite.
 */
public final class WechatPayGateway {

  static final String WECHAT_PAY_HOST = "api.mch.weixin.qq.com";

  private final Config config;
  private final NotificationConfig notificationConfig;
  private final NativePayService nativePay;
  private final JsapiServiceExtension jsapi;
  private final H5Service h5;
  private final AppServiceExtension app;
  private final RefundService refunds;
  private final BillDownloadServiceExtension bills;

  /**
   * @throws RuntimeException from the SDK when the configuration cannot be built (in certificate
   *     mode it downloads the platform certificates here); see {@code WechatPayKeyCheck}
   */
  public WechatPayGateway(WechatPaySettings settings) {
    OkHttpClient ok = okHttp(settings.baseUrl(), settings.connectTimeout(), settings.readTimeout());
    if (settings.keyMode() == KeyMode.PUBLIC_KEY) {
      RSAPublicKeyConfig c =
          new RSAPublicKeyConfig.Builder()
              .merchantId(settings.mchid())
              .privateKey(settings.privateKey())
              .merchantSerialNumber(settings.merchantSerialNo())
              .publicKey(settings.publicKey())
              .publicKeyId(settings.publicKeyId())
              .apiV3Key(settings.apiV3Key())
              .build();
      config = c;
      notificationConfig = c;
    } else {
      RSAAutoCertificateConfig c =
          new RSAAutoCertificateConfig.Builder()
              .merchantId(settings.mchid())
              .privateKey(settings.privateKey())
              .merchantSerialNumber(settings.merchantSerialNo())
              .apiV3Key(settings.apiV3Key())
              .httpClientBuilder(new DefaultHttpClientBuilder().okHttpClient(ok))
              .build();
      config = c;
      notificationConfig = c;
    }
    HttpClient http = new DefaultHttpClientBuilder().config(config).okHttpClient(ok).build();
    nativePay = new NativePayService.Builder().httpClient(http).build();
    h5 = new H5Service.Builder().httpClient(http).build();
    refunds = new RefundService.Builder().httpClient(http).build();
    // The extensions sign front-end parameters with the config's key; the client is set last.
    jsapi = new JsapiServiceExtension.Builder().config(config).httpClient(http).build();
    app = new AppServiceExtension.Builder().config(config).httpClient(http).build();
    bills = new BillDownloadServiceExtension.Builder().config(config).httpClient(http).build();
  }

  static OkHttpClient okHttp(URI base, Duration connectTimeout, Duration readTimeout) {
    OkHttpClient.Builder builder =
        new OkHttpClient.Builder().connectTimeout(connectTimeout).readTimeout(readTimeout);
    if (base.equals(WechatPaySettings.WECHAT_PAY)) {
      return builder.build();
    }
    HttpUrl target = HttpUrl.get(base.toString());
    String prefix = target.encodedPath().replaceAll("/+$", "");
    return builder
        .addInterceptor(
            chain -> {
              okhttp3.Request request = chain.request();
              HttpUrl url = request.url();
              if (url.host().equals(WECHAT_PAY_HOST)) {
                url =
                    url.newBuilder()
                        .scheme(target.scheme())
                        .host(target.host())
                        .port(target.port())
                        .encodedPath(prefix + url.encodedPath())
                        .build();
              }
              return chain.proceed(request.newBuilder().url(url).build());
            })
        .build();
  }

  public NotificationConfig notificationConfig() {
    return notificationConfig;
  }

  public NativePayService nativePay() {
    return nativePay;
  }

  public JsapiServiceExtension jsapi() {
    return jsapi;
  }

  public H5Service h5() {
    return h5;
  }

  public AppServiceExtension app() {
    return app;
  }

  public RefundService refunds() {
    return refunds;
  }

  public BillDownloadServiceExtension bills() {
    return bills;
  }
}
