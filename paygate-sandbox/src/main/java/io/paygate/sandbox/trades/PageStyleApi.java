package io.paygate.sandbox.trades;

import io.paygate.sandbox.gateway.ApiOutcome;
import io.paygate.sandbox.gateway.GatewayApi;
import io.paygate.sandbox.gateway.GatewayCall;

/** Page and wap pay: the browser brings the signed form; the answer is the cashier. */
abstract class PageStyleApi implements GatewayApi {

  private final Orders orders;

  PageStyleApi(Orders orders) {
    this.orders = orders;
  }

  abstract String productCode();

  @Override
  public boolean browserFacing() {
    return true;
  }

  @Override
  public ApiOutcome handle(GatewayCall call) {
    return orders.place(call, productCode());
  }
}
