package io.paygate.alipay.qr;

import com.alipay.api.domain.AlipayTradePrecreateModel;
import com.alipay.api.request.AlipayTradePrecreateRequest;
import io.paygate.alipay.gateway.SdkInternals;
import io.paygate.alipay.settings.AlipaySettings;
import io.paygate.alipay.wire.AlipayAmounts;
import io.paygate.alipay.wire.AlipayTimes;
import io.paygate.core.channel.PayOrder;

/** {@code alipay.trade.precreate} for one face-to-face order, from the SDK's model. */
public final class PrecreateRequests {

  static final String PRODUCT_CODE = "FACE_TO_FACE_PAYMENT";

  private PrecreateRequests() {}

  public static AlipayTradePrecreateRequest forOrder(PayOrder order, AlipaySettings settings) {
    AlipayTradePrecreateModel model = new AlipayTradePrecreateModel();
    model.setOutTradeNo(order.outTradeNo());
    model.setTotalAmount(AlipayAmounts.write(order.totalAmount()));
    model.setSubject(order.subject());
    model.setBody(order.body());
    model.setProductCode(PRODUCT_CODE);
    model.setSellerId(settings.sellerId());
    if (order.expiresAt() != null) {
      model.setTimeExpire(AlipayTimes.write(order.expiresAt()));
    }
    AlipayTradePrecreateRequest request = new AlipayTradePrecreateRequest();
    request.setBizContent(SdkInternals.bizContent(model));
    // The trade exists once a buyer scans; its notify comes here like any other's.
    request.setNotifyUrl(settings.notifyUrl());
    return request;
  }
}
