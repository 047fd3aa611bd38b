package io.paygate.wechatpay.prepay;

import com.wechat.pay.java.service.payments.app.model.PrepayWithRequestPaymentResponse;
import com.wechat.pay.java.service.payments.h5.model.H5Info;
import com.wechat.pay.java.service.payments.h5.model.SceneInfo;
import com.wechat.pay.java.service.payments.jsapi.model.Payer;
import io.paygate.core.channel.Checkout;
import io.paygate.core.channel.PayOrder;
import io.paygate.wechatpay.gateway.WechatPayGateway;
import io.paygate.wechatpay.wire.Fen;
import io.paygate.wechatpay.wire.WxLimits;
import io.paygate.wechatpay.wire.WxTimes;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The four prepays (下单) of API v3, each in its own SDK model, and the checkout each gives: Native a
 * QR code's text, JSAPI the signed parameters for {@code wx.requestPayment}, H5 a redirect, App the
 * signed parameters for the OpenSDK's {@code PayReq}. The same order asked again is the same prepay
 * at WeChat Pay (a repeat with identical fields answers the current code or id).
 */
public final class Prepays {

  private final WechatPayGateway gateway;
  private final String mchid;
  private final String notifyUrl;

  public Prepays(WechatPayGateway gateway, String mchid, String notifyUrl) {
    this.gateway = gateway;
    this.mchid = mchid;
    this.notifyUrl = notifyUrl;
  }

  public Checkout.QrCode nativePay(String appid, PayOrder order) {
    var request = new com.wechat.pay.java.service.payments.nativepay.model.PrepayRequest();
    request.setAppid(appid);
    request.setMchid(mchid);
    request.setDescription(WxLimits.description(order.subject()));
    request.setOutTradeNo(order.outTradeNo());
    request.setTimeExpire(expiry(order));
    request.setNotifyUrl(notifyUrl);
    var amount = new com.wechat.pay.java.service.payments.nativepay.model.Amount();
    amount.setTotal(Fen.intOf(order.totalAmount()));
    amount.setCurrency("CNY");
    request.setAmount(amount);
    return new Checkout.QrCode(gateway.nativePay().prepay(request).getCodeUrl());
  }

  public Checkout.JsapiPrepay jsapi(String appid, PayOrder order) {
    var request = new com.wechat.pay.java.service.payments.jsapi.model.PrepayRequest();
    request.setAppid(appid);
    request.setMchid(mchid);
    request.setDescription(WxLimits.description(order.subject()));
    request.setOutTradeNo(order.outTradeNo());
    request.setTimeExpire(expiry(order));
    request.setNotifyUrl(notifyUrl);
    var amount = new com.wechat.pay.java.service.payments.jsapi.model.Amount();
    amount.setTotal(Fen.intOf(order.totalAmount()));
    amount.setCurrency("CNY");
    request.setAmount(amount);
    Payer payer = new Payer();
    payer.setOpenid(order.buyer().openId());
    request.setPayer(payer);
    var pay = gateway.jsapi().prepayWithRequestPayment(request);
    Map<String, String> params = new LinkedHashMap<>();
    params.put("appId", pay.getAppId());
    params.put("timeStamp", pay.getTimeStamp());
    params.put("nonceStr", pay.getNonceStr());
    params.put("package", pay.getPackageVal());
    params.put("signType", pay.getSignType());
    params.put("paySign", pay.getPaySign());
    String prepayId = pay.getPackageVal().substring("prepay_id=".length());
    return new Checkout.JsapiPrepay(prepayId, params);
  }

  public Checkout.Redirect h5(String appid, PayOrder order) {
    var request = new com.wechat.pay.java.service.payments.h5.model.PrepayRequest();
    request.setAppid(appid);
    request.setMchid(mchid);
    request.setDescription(WxLimits.description(order.subject()));
    request.setOutTradeNo(order.outTradeNo());
    request.setTimeExpire(expiry(order));
    request.setNotifyUrl(notifyUrl);
    var amount = new com.wechat.pay.java.service.payments.h5.model.Amount();
    amount.setTotal(Fen.intOf(order.totalAmount()));
    amount.setCurrency("CNY");
    request.setAmount(amount);
    SceneInfo scene = new SceneInfo();
    scene.setPayerClientIp(order.buyerIp());
    H5Info info = new H5Info();
    info.setType("Wap");
    scene.setH5Info(info);
    request.setSceneInfo(scene);
    return new Checkout.Redirect(gateway.h5().prepay(request).getH5Url());
  }

  public Checkout.AppOrder app(String appid, PayOrder order) {
    var request = new com.wechat.pay.java.service.payments.app.model.PrepayRequest();
    request.setAppid(appid);
    request.setMchid(mchid);
    request.setDescription(WxLimits.description(order.subject()));
    request.setOutTradeNo(order.outTradeNo());
    request.setTimeExpire(expiry(order));
    request.setNotifyUrl(notifyUrl);
    var amount = new com.wechat.pay.java.service.payments.app.model.Amount();
    amount.setTotal(Fen.intOf(order.totalAmount()));
    amount.setCurrency("CNY");
    request.setAmount(amount);
    PrepayWithRequestPaymentResponse pay = gateway.app().prepayWithRequestPayment(request);
    // The OpenSDK's PayReq fields, by the names WeChat's documents give them.
    Map<String, String> params = new LinkedHashMap<>();
    params.put("appid", pay.getAppid());
    params.put("partnerid", pay.getPartnerId());
    params.put("prepayid", pay.getPrepayId());
    params.put("package", pay.getPackageVal());
    params.put("noncestr", pay.getNonceStr());
    params.put("timestamp", pay.getTimestamp());
    params.put("sign", pay.getSign());
    return new Checkout.AppOrder(null, params, pay.getPrepayId());
  }

  // time_expire can be set only once at WeChat Pay: the same instant each time keeps a repeat
  // equal.
  private static String expiry(PayOrder order) {
    return order.expiresAt() == null ? null : WxTimes.format(order.expiresAt());
  }
}
