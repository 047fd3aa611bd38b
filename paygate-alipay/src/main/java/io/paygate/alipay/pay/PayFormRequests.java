package io.paygate.alipay.pay;

import com.alipay.api.AlipayRequest;
import com.alipay.api.domain.AlipayTradePagePayModel;
import com.alipay.api.domain.AlipayTradeWapPayModel;
import com.alipay.api.request.AlipayTradePagePayRequest;
import com.alipay.api.request.AlipayTradeWapPayRequest;
import io.paygate.alipay.gateway.SdkInternals;
import io.paygate.alipay.settings.AlipaySettings;
import io.paygate.alipay.wire.AlipayAmounts;
import io.paygate.alipay.wire.AlipayTimes;
import io.paygate.core.channel.PayOrder;
import io.paygate.core.channel.Product;

/**
 * The cashier request for one order: page pay (PC) or WAP pay (mobile), from the SDK's models so
 * the biz_content is real JSON whatever the subject contains.
 */
public final class PayFormRequests {

  static final String PAGE_PRODUCT_CODE = "FAST_INSTANT_TRADE_PAY";
  static final String WAP_PRODUCT_CODE = "QUICK_WAP_WAY";

  private PayFormRequests() {}

  public static AlipayRequest<?> forOrder(PayOrder order, AlipaySettings settings) {
    if (!order.product().hasCashierPage()) {
      throw new IllegalArgumentException("a " + order.product() + " payment has no cashier form");
    }
    String timeExpire = order.expiresAt() == null ? null : AlipayTimes.write(order.expiresAt());
    AlipayRequest<?> request =
        order.product() == Product.WAP ? wap(order, timeExpire, settings) : page(order, timeExpire);
    request.setNotifyUrl(settings.notifyUrl());
    request.setReturnUrl(settings.returnUrl());
    return request;
  }

  private static AlipayTradePagePayRequest page(PayOrder order, String timeExpire) {
    AlipayTradePagePayModel model = new AlipayTradePagePayModel();
    model.setOutTradeNo(order.outTradeNo());
    model.setTotalAmount(AlipayAmounts.write(order.totalAmount()));
    model.setSubject(order.subject());
    model.setBody(order.body());
    model.setProductCode(PAGE_PRODUCT_CODE);
    model.setTimeExpire(timeExpire);
    AlipayTradePagePayRequest request = new AlipayTradePagePayRequest();
    request.setBizContent(SdkInternals.bizContent(model));
    return request;
  }

  private static AlipayTradeWapPayRequest wap(
      PayOrder order, String timeExpire, AlipaySettings settings) {
    AlipayTradeWapPayModel model = new AlipayTradeWapPayModel();
    model.setOutTradeNo(order.outTradeNo());
    model.setTotalAmount(AlipayAmounts.write(order.totalAmount()));
    model.setSubject(order.subject());
    model.setBody(order.body());
    model.setProductCode(WAP_PRODUCT_CODE);
    model.setTimeExpire(timeExpire);
    model.setSellerId(settings.sellerId());
    AlipayTradeWapPayRequest request = new AlipayTradeWapPayRequest();
    request.setBizContent(SdkInternals.bizContent(model));
    return request;
  }
}
