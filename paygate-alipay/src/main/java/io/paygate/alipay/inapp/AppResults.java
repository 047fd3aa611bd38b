package io.paygate.alipay.inapp;

import com.alipay.api.AlipayApiException;
import com.alipay.api.SignItem;
import com.alipay.api.internal.util.AlipaySignature;
import com.alipay.api.request.AlipayTradeAppPayRequest;
import com.alipay.api.response.AlipayTradeAppPayResponse;
import io.paygate.alipay.gateway.SdkInternals;
import io.paygate.alipay.settings.AlipaySettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The synchronous result of app pay, as Alipay's mobile SDK hands it to the shop's app: {@code
 * {"alipay_trade_app_pay_response":{…},"sign":"…","sign_type":"RSA2"}}. Genuine when Alipay's key
 * signed the response object's exact text (cut and checked by the SDK's own utilities, as it does
 * for gateway answers), the answer is a success, and it is for our app.
 */
public final class AppResults {

  private final String appId;
  private final Supplier<List<String>> alipayPublicKeys;

  public AppResults(String appId, Supplier<List<String>> alipayPublicKeys) {
    this.appId = appId;
    this.alipayPublicKeys = alipayPublicKeys;
  }

  /** The out_trade_no the result is genuinely for; empty for anything else. Never throws. */
  public Optional<String> verify(String result) {
    if (result == null || result.isBlank() || result.length() > 8192) {
      return Optional.empty();
    }
    try {
      AlipayTradeAppPayRequest request = new AlipayTradeAppPayRequest();
      SignItem item = SdkInternals.signedObject(request, result);
      if (item == null || !signedByAlipay(item)) {
        return Optional.empty();
      }
      AlipayTradeAppPayResponse response =
          SdkInternals.parsed(AlipayTradeAppPayResponse.class, result);
      if (!"10000".equals(response.getCode()) || !response.isSuccess()) {
        return Optional.empty();
      }
      // The signed object names the app: another app's genuine result is not ours.
      Map<?, ?> signed = SdkInternals.jsonObject(item.getSignSourceDate());
      if (signed == null || !appId.equals(signed.get("app_id"))) {
        return Optional.empty();
      }
      return Optional.ofNullable(response.getOutTradeNo()).filter(no -> !no.isBlank());
    } catch (AlipayApiException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private boolean signedByAlipay(SignItem item) throws AlipayApiException {
    for (String key : alipayPublicKeys.get()) {
      if (AlipaySignature.rsaCheck(
          item.getSignSourceDate(),
          item.getSign(),
          key,
          AlipaySettings.CHARSET,
          AlipaySettings.SIGN_TYPE)) {
        return true;
      }
    }
    return false;
  }
}
