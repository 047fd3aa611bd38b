package io.paygate.sandbox.facetoface;

import io.paygate.sandbox.gateway.ApiOutcome;
import io.paygate.sandbox.gateway.GatewayApi;
import io.paygate.sandbox.gateway.GatewayCall;
import io.paygate.sandbox.trades.Orders;
import io.paygate.sandbox.trades.PageOrderRules;
import io.paygate.sandbox.trades.Trade;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code alipay.trade.precreate}: the merchant shows a QR code; the trade exists only once a buyer
 * scans it (the qr_code URL, or {@code POST /sandbox/api/buyer/scan}). The same out_trade_no with
 * the same data answers the same QR code.
 */
@Component
public class PrecreateApi implements GatewayApi {

  private final Orders orders;

  public PrecreateApi(Orders orders) {
    this.orders = orders;
  }

  @Override
  public String method() {
    return "alipay.trade.precreate";
  }

  @Override
  public ApiOutcome handle(GatewayCall call) {
    Orders.Placement placement = orders.placement(call, PageOrderRules.FACE_TO_FACE);
    if (placement instanceof Orders.Refused refused) {
      return new ApiOutcome.Failure(refused.error());
    }
    Trade order = ((Orders.Placed) placement).order();
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("out_trade_no", order.outTradeNo());
    fields.put("qr_code", qrCode(call.publicBase(), order));
    return ApiOutcome.success(fields);
  }

  /** What the QR code encodes: the sandbox page a "scanning" phone opens. */
  public static String qrCode(String publicBase, Trade order) {
    return publicBase + "/sandbox/cashier/" + order.cashierToken() + "/scan";
  }
}
