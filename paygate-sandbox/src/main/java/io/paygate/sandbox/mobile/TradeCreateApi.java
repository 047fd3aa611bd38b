package io.paygate.sandbox.mobile;

import io.paygate.sandbox.apps.App;
import io.paygate.sandbox.apps.OpenIds;
import io.paygate.sandbox.apps.SandboxApps;
import io.paygate.sandbox.buyers.Buyer;
import io.paygate.sandbox.buyers.SandboxBuyers;
import io.paygate.sandbox.gateway.ApiOutcome;
import io.paygate.sandbox.gateway.GatewayApi;
import io.paygate.sandbox.gateway.GatewayCall;
import io.paygate.sandbox.gateway.GatewayError;
import io.paygate.sandbox.trades.Orders;
import io.paygate.sandbox.trades.PageOrderRules;
import io.paygate.sandbox.trades.PayResult;
import io.paygate.sandbox.trades.Payments;
import io.paygate.sandbox.trades.Trade;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * {@code alipay.trade.create}: a trade made at once for a buyer already signed in ({@code
 * buyer_id}, or {@code buyer_open_id} for an app in OpenID mode; one is required), waiting for that
 * buyer to pay it by its trade_no in the Alipay app or a mini-program ({@code my.tradePay}; here
 * {@code POST /sandbox/api/buyer/pay {app_id, trade_no, …}}). Another buyer cannot pay it. For a
 * mini-program, {@code op_app_id} names it, and a {@code buyer_open_id} is the one that
 * mini-program knows the buyer by. The same out_trade_no with the same data answers the same trade.
 *
 * <p>Per Alipay's 统一收单交易创建接口: https://docs.open.alipay.com/api_1/alipay.trade.create/ (now on
 * opendocs.alipay.com).
 */
@Component
public class TradeCreateApi implements GatewayApi {

  private static final Set<String> PRODUCT_CODES =
      Set.of(PageOrderRules.JSAPI, PageOrderRules.FACE_TO_FACE);

  private final Orders orders;
  private final Payments payments;
  private final SandboxBuyers buyers;
  private final SandboxApps apps;

  public TradeCreateApi(Orders orders, Payments payments, SandboxBuyers buyers, SandboxApps apps) {
    this.orders = orders;
    this.payments = payments;
    this.buyers = buyers;
    this.apps = apps;
  }

  @Override
  public String method() {
    return "alipay.trade.create";
  }

  @Override
  public ApiOutcome handle(GatewayCall call) {
    // Alipay's documented default is face to face; JSAPI_PAY is what mini-programs send.
    String productCode = call.biz().text("product_code").orElse(PageOrderRules.FACE_TO_FACE);
    if (!PRODUCT_CODES.contains(productCode)) {
      return invalid("product_code必须为JSAPI_PAY或FACE_TO_FACE_PAYMENT");
    }
    Optional<String> opAppId = call.biz().text("op_app_id");
    App buyersApp = call.app();
    if (opAppId.isPresent()) {
      Optional<App> named = apps.find(opAppId.get());
      if (named.isEmpty()) {
        return invalid("op_app_id无效");
      }
      buyersApp = named.get();
    }
    Optional<String> buyerId = call.biz().text("buyer_id");
    Optional<String> buyerOpenId = call.biz().text("buyer_open_id");
    if (buyerId.isEmpty() && buyerOpenId.isEmpty()) {
      return invalid("buyer_id和buyer_open_id不能同时为空");
    }
    String appForOpenIds = buyersApp.appId();
    Optional<Buyer> buyer =
        buyers.all().stream()
            .filter(
                b ->
                    buyerId.map(b.userId()::equals).orElse(false)
                        || buyerOpenId
                            .map(OpenIds.of(appForOpenIds, b.userId())::equals)
                            .orElse(false))
            .findFirst();
    if (buyer.isEmpty()) {
      return new ApiOutcome.Failure(GatewayError.business("ACQ.BUYER_NOT_EXIST", "买家不存在"));
    }
    Orders.Placement placement = orders.placement(call, productCode);
    if (placement instanceof Orders.Refused refused) {
      return new ApiOutcome.Failure(refused.error());
    }
    Trade order = ((Orders.Placed) placement).order();
    PayResult opened = payments.open(order.id(), Optional.of(buyer.get().logonId()));
    if (opened instanceof PayResult.Refused refused) {
      return new ApiOutcome.Failure(error(refused.reason()));
    }
    Trade trade = ((PayResult.Opened) opened).trade();
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("out_trade_no", trade.outTradeNo());
    fields.put("trade_no", trade.tradeNo());
    return ApiOutcome.success(fields);
  }

  private static GatewayError error(PayResult.Reason reason) {
    return switch (reason) {
      case TRADE_ALREADY_PAID -> GatewayError.TRADE_HAS_SUCCESS;
      case TRADE_BUYER_NOT_MATCH -> GatewayError.business("ACQ.TRADE_BUYER_NOT_MATCH", "交易买家不匹配");
      case BUYER_NOT_FOUND -> GatewayError.business("ACQ.BUYER_NOT_EXIST", "买家不存在");
      default -> GatewayError.TRADE_HAS_CLOSE;
    };
  }

  private static ApiOutcome invalid(String detail) {
    return new ApiOutcome.Failure(GatewayError.invalidParameter(detail));
  }
}
