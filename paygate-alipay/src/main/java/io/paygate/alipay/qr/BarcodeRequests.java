package io.paygate.alipay.qr;

import com.alipay.api.domain.AlipayTradePayModel;
import com.alipay.api.request.AlipayTradePayRequest;
import io.paygate.alipay.gateway.SdkInternals;
import io.paygate.alipay.settings.AlipaySettings;
import io.paygate.alipay.wire.AlipayAmounts;
import io.paygate.alipay.wire.AlipayTimes;
import io.paygate.core.channel.PayOrder;

/** {@code alipay.trade.pay} with {@code scene=bar_code}: the shop scanned the buyer's code. */
public final class BarcodeRequests {

  private BarcodeRequests() {}

  public static AlipayTradePayRequest forOrder(
      PayOrder order, String authCode, AlipaySettings settings) {
    AlipayTradePayModel model = new AlipayTradePayModel();
    model.setOutTradeNo(order.outTradeNo());
    model.setScene("bar_code");
    model.setAuthCode(authCode);
    model.setTotalAmount(AlipayAmounts.write(order.totalAmount()));
    model.setSubject(order.subject());
    model.setBody(order.body());
    model.setProductCode(PrecreateRequests.PRODUCT_CODE);
    model.setSellerId(settings.sellerId());
    if (order.expiresAt() != null) {
      model.setTimeExpire(AlipayTimes.write(order.expiresAt()));
    }
    AlipayTradePayRequest request = new AlipayTradePayRequest();
    request.setBizContent(SdkInternals.bizContent(model));
    request.setNotifyUrl(settings.notifyUrl());
    return request;
  }
}
