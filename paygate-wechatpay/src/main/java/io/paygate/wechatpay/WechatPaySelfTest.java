package io.paygate.wechatpay;

import com.wechat.pay.java.core.exception.DecryptionException;
import com.wechat.pay.java.core.exception.HttpException;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.exception.ValidationException;
import com.wechat.pay.java.service.payments.nativepay.model.CloseOrderRequest;
import io.paygate.wechatpay.gateway.WechatPayGateway;
import io.paygate.wechatpay.settings.KeyMode;
import io.paygate.wechatpay.settings.SelfTest;
import io.paygate.wechatpay.settings.WechatPayKeyCheck;
import io.paygate.wechatpay.settings.WechatPaySettings;
import java.util.List;
import java.util.UUID;

/**
 * The start-up self-test of one merchant: the plain checks over the key material, then one signed
 * call whose answer is signed too. WeChat Pay closes an order it never saw with a signed 204, so
 * closing a fresh number proves our key and serial (it verified our signature), WeChat Pay's public
 * key or certificates (we verified its answer) and, in certificate mode, the APIv3 key (the
 * certificates were decrypted with it), and leaves nothing behind but a closed number.
 */
public final class WechatPaySelfTest {

  private WechatPaySelfTest() {}

  public static SelfTest run(WechatPaySettings settings) {
    List<String> problems = WechatPayKeyCheck.problems(settings);
    if (!problems.isEmpty()) {
      return new SelfTest.Failed(problems);
    }
    WechatPayGateway gateway;
    try {
      gateway = new WechatPayGateway(settings);
    } catch (RuntimeException e) {
      return classify(e, settings);
    }
    CloseOrderRequest close = new CloseOrderRequest();
    close.setMchid(settings.mchid());
    close.setOutTradeNo(
        "PGSELFTEST" + UUID.randomUUID().toString().replace("-", "").substring(0, 20));
    try {
      gateway.nativePay().closeOrder(close);
      return new SelfTest.Passed();
    } catch (RuntimeException e) {
      return classify(e, settings);
    }
  }

  private static SelfTest classify(RuntimeException e, WechatPaySettings settings) {
    if (e instanceof HttpException) {
      return new SelfTest.Unreachable("WeChat Pay did not answer: " + e.getClass().getSimpleName());
    }
    if (e instanceof ServiceException s) {
      if (s.getHttpStatusCode() == 401) {
        return failed(
            "WeChat Pay refused our signature ("
                + s.getErrorMessage()
                + "): paygate.wechatpay.merchant-serial-no is not the serial of the certificate of"
                + " paygate.wechatpay.private-key, or the key is another merchant's");
      }
      if ("RESOURCE_NOT_EXISTS".equals(s.getErrorCode())
          && settings.keyMode() == KeyMode.PLATFORM_CERTIFICATE) {
        return failed(
            "merchant "
                + settings.mchid()
                + " has no platform certificates: use paygate.wechatpay.key-mode=public_key");
      }
      if (s.getHttpStatusCode() >= 500) {
        return new SelfTest.Unreachable("WeChat Pay answered " + s.getHttpStatusCode());
      }
      return failed(
          "WeChat Pay refused the self-test: " + s.getErrorCode() + " " + s.getErrorMessage());
    }
    if (e instanceof DecryptionException) {
      return failed(
          "paygate.wechatpay.apiv3-key is not merchant "
              + settings.mchid()
              + "'s: the platform certificates do not decrypt with it");
    }
    if (e instanceof ValidationException) {
      return failed(
          settings.keyMode() == KeyMode.PUBLIC_KEY
              ? "paygate.wechatpay.public-key does not verify WeChat Pay's answer (a foreign key)"
              : "WeChat Pay's answer does not verify with its downloaded certificates");
    }
    if (e instanceof IllegalArgumentException && settings.keyMode() == KeyMode.PUBLIC_KEY) {
      // The SDK: "publicKeyId[…] and serialNumber[…] are not equal".
      return failed(
          "paygate.wechatpay.public-key-id is not the key id WeChat Pay signs with"
              + " (or this merchant is still on platform certificates)");
    }
    return failed("the self-test failed: " + e.getClass().getSimpleName());
  }

  private static SelfTest failed(String problem) {
    return new SelfTest.Failed(List.of(problem));
  }
}
