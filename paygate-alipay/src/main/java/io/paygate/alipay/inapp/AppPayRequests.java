package io.paygate.alipay.inapp;

import com.alipay.api.domain.AlipayTradeAppPayModel;
import com.alipay.api.domain.AlipayTradeCreateModel;
import com.alipay.api.request.AlipaySystemOauthTokenRequest;
import com.alipay.api.request.AlipayTradeAppPayRequest;
import com.alipay.api.request.AlipayTradeCreateRequest;
import io.paygate.alipay.gateway.SdkInternals;
import io.paygate.alipay.settings.AlipaySettings;
import io.paygate.alipay.wire.AlipayAmounts;
import io.paygate.alipay.wire.AlipayTimes;
import io.paygate.core.channel.Buyer;
import io.paygate.core.channel.PayOrder;

/**
 * The requests of payments made inside apps, from the SDK's models: app pay ({@code
 * alipay.trade.app.pay}, signed into an order string by {@code sdkExecute}), JSAPI ({@code
 * alipay.trade.create} for a signed-in buyer) and buyer sign-in ({@code
 * alipay.system.oauth.token}).
 */
public final class AppPayRequests {

  static final String APP_PRODUCT_CODE = "QUICK_MSECURITY_PAY";
  static final String JSAPI_PRODUCT_CODE = "JSAPI_PAY";

  private AppPayRequests() {}

  public static AlipayTradeAppPayRequest appPay(PayOrder order, AlipaySettings settings) {
    AlipayTradeAppPayModel model = new AlipayTradeAppPayModel();
    model.setOutTradeNo(order.outTradeNo());
    model.setTotalAmount(AlipayAmounts.write(order.totalAmount()));
    model.setSubject(order.subject());
    model.setBody(order.body());
    model.setProductCode(APP_PRODUCT_CODE);
    if (order.expiresAt() != null) {
      model.setTimeExpire(AlipayTimes.write(order.expiresAt()));
    }
    AlipayTradeAppPayRequest request = new AlipayTradeAppPayRequest();
    request.setBizContent(SdkInternals.bizContent(model));
    request.setNotifyUrl(settings.notifyUrl());
    return request;
  }

  public static AlipayTradeCreateRequest jsapi(PayOrder order, AlipaySettings settings) {
    Buyer buyer = order.buyer();
    if (buyer == null) {
      throw new IllegalArgumentException("a JSAPI trade is made for a signed-in buyer");
    }
    AlipayTradeCreateModel model = new AlipayTradeCreateModel();
    model.setOutTradeNo(order.outTradeNo());
    model.setTotalAmount(AlipayAmounts.write(order.totalAmount()));
    model.setSubject(order.subject());
    model.setBody(order.body());
    model.setProductCode(JSAPI_PRODUCT_CODE);
    model.setBuyerId(buyer.userId());
    model.setBuyerOpenId(buyer.openId());
    model.setOpAppId(buyer.opAppId());
    model.setSellerId(settings.sellerId());
    if (order.expiresAt() != null) {
      model.setTimeExpire(AlipayTimes.write(order.expiresAt()));
    }
    AlipayTradeCreateRequest request = new AlipayTradeCreateRequest();
    request.setBizContent(SdkInternals.bizContent(model));
    request.setNotifyUrl(settings.notifyUrl());
    return request;
  }

  public static AlipaySystemOauthTokenRequest signIn(String authCode) {
    AlipaySystemOauthTokenRequest request = new AlipaySystemOauthTokenRequest();
    request.setGrantType("authorization_code");
    request.setCode(authCode);
    return request;
  }
}
