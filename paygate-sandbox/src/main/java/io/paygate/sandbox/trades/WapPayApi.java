package io.paygate.sandbox.trades;

import org.springframework.stereotype.Component;

/** {@code alipay.trade.wap.pay}: mobile H5 cashier. */
@Component
public class WapPayApi extends PageStyleApi {

  public WapPayApi(Orders orders) {
    super(orders);
  }

  @Override
  public String method() {
    return "alipay.trade.wap.pay";
  }

  @Override
  String productCode() {
    return "QUICK_WAP_WAY";
  }
}
