package io.paygate.sandbox.trades;

import org.springframework.stereotype.Component;

/** {@code alipay.trade.page.pay}: PC cashier. */
@Component
public class PagePayApi extends PageStyleApi {

  public PagePayApi(Orders orders) {
    super(orders);
  }

  @Override
  public String method() {
    return "alipay.trade.page.pay";
  }

  @Override
  String productCode() {
    return "FAST_INSTANT_TRADE_PAY";
  }
}
